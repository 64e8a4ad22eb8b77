using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Tests.Imaging;

public sealed class ImageTensorsTests
{
    [Fact]
    public void ToNchw_WritesPlanarChannelsScaledToMinusOneOne()
    {
        RgbImage image = TestImages.Make(2, 1, (x, _) => x == 0 ? new RgbColor(0, 128, 255) : new RgbColor(255, 0, 64));

        float[] tensor = ImageTensors.ToNchw(image);

        float[] expected = [-1f, 1f, ((128 / 255f) * 2f) - 1f, -1f, 1f, ((64 / 255f) * 2f) - 1f];
        Assert.Equal(expected, tensor);
    }

    [Fact]
    public void FromNchw_InvertsToNchwForEveryByteValue()
    {
        RgbImage image = TestImages.Make(256, 1, (x, _) => new RgbColor((byte)x, (byte)(255 - x), (byte)((x * 7) % 256)));

        RgbImage roundTrip = ImageTensors.FromNchw(ImageTensors.ToNchw(image), 256, 1);

        Assert.Equal(image, roundTrip);
    }

    [Fact]
    public void Float16_RoundTripsEveryByteValue()
    {
        RgbImage image = TestImages.Make(16, 16, (x, y) => new RgbColor((byte)((y * 16) + x), (byte)(255 - x), (byte)y));
        var half = new Half[3 * 256];

        ImageTensors.ToNchw(image, half);

        Assert.Equal(image, ImageTensors.FromNchw(half, 16, 16));
    }

    [Theory]
    [InlineData(2f, 255)]
    [InlineData(1f, 255)]
    [InlineData(-1f, 0)]
    [InlineData(-3f, 0)]
    [InlineData(float.NaN, 0)]
    [InlineData(0f, 128)]
    public void UnitToByte_ClampsAndRoundsHalfToEven(float value, byte expected)
    {
        // 0 maps to 0.5·255 = 127.5, which rounds half to even: 128.
        Assert.Equal(expected, ImageTensors.UnitToByte(value));
    }

    [Fact]
    public void FromNchw_WritesIntoAFrameBuffer()
    {
        float[] tensor = [1f, -1f, 0.5f, -0.5f, -1f, 1f];
        var frame = new byte[6];

        ImageTensors.FromNchw(tensor, 2, 1, frame);

        Assert.Equal([255, 191, 0, 0, 64, 255], frame);
    }

    [Fact]
    public void Conversions_RejectBuffersOfTheWrongLength()
    {
        RgbImage image = RgbImage.Solid(2, 2, RgbColor.White);

        Assert.Throws<ArgumentException>(() => ImageTensors.ToNchw(image, new float[11]));
        Assert.Throws<ArgumentException>(() => ImageTensors.FromNchw(new float[12], 2, 1));
        Assert.Throws<ArgumentException>(() => ImageTensors.FromNchw(new float[6], 2, 1, new byte[5]));
    }
}
