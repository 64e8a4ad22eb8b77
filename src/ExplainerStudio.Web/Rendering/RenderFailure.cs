using ExplainerStudio.Generation.Packs;
using ExplainerStudio.Generation.Runtime;
using ExplainerStudio.Media;

namespace ExplainerStudio.Web.Rendering;

/// <summary>Turns what stopped a render into the message a user sees on the job: what went wrong and what to do.</summary>
public static class RenderFailure
{
    /// <summary>The message, or null when the exception is a bug rather than a condition a user can fix.</summary>
    public static string? Describe(Exception error, string packId) => error switch
    {
        RenderRefusedException refused => refused.Message,
        GenerationUnavailableException unavailable => unavailable.Message + " Fix or replace the pack on the Model packs page, or pick another pack for the shot, then retry.",
        ModelPackException pack => $"Model pack '{packId}' is broken: {pack.Message} Fix or replace the pack, then retry.",
        OutOfMemoryException or InsufficientExecutionStackException => OutOfMemory(packId),
        OnnxRuntimeException onnx when onnx.Message.Contains("memory", StringComparison.OrdinalIgnoreCase) || onnx.Message.Contains("alloc", StringComparison.OrdinalIgnoreCase) => OutOfMemory(packId),
        OnnxRuntimeException onnx => $"Model pack '{packId}' failed while rendering: {onnx.Message} Check the pack on the Model packs page (a test render shows the problem), or pick another pack, then retry.",
        MediaException media => $"Encoding the clip failed: {media.Message} Check that ffmpeg works (./studio.sh doctor), then retry.",
        IOException io => $"Writing the take's files failed: {io.Message} Free disk space in the data folder, then retry.",
        UnauthorizedAccessException access => $"Writing the take's files was refused: {access.Message} Check the data folder's permissions, then retry.",
        _ => null,
    };

    private static string OutOfMemory(string packId) =>
        $"Rendering with model pack '{packId}' ran out of memory. Lower Rendering:MaxLongSide or the shot's steps, let other renders finish, then retry.";
}
