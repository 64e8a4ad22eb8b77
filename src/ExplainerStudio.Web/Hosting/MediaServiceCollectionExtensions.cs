using ExplainerStudio.Media;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Images;
using ExplainerStudio.Media.Video;
using Microsoft.Extensions.Options;

namespace ExplainerStudio.Web.Hosting;

public static class MediaServiceCollectionExtensions
{
    public static IServiceCollection AddStudioMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>()
            .BindConfiguration(MediaOptions.SectionName)
            .PostConfigure<StudioPaths>((options, paths) => options.LogDirectory ??= paths.LogDirectory)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(provider => new FfmpegRunner(
            provider.GetRequiredService<IOptions<MediaOptions>>().Value,
            provider.GetRequiredService<ILogger<FfmpegRunner>>()));
        services.AddSingleton(provider => new ImageDecoder(provider.GetRequiredService<IOptions<MediaOptions>>().Value));
        services.AddSingleton<RawVideoEncoder>();
        return services;
    }
}
