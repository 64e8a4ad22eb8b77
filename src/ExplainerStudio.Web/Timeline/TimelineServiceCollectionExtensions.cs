using ExplainerStudio.Media.Audio;
using ExplainerStudio.Media.Export;
using ExplainerStudio.Media.Ffmpeg;
using ExplainerStudio.Media.Speech;
using ExplainerStudio.Web.Hosting;
using ExplainerStudio.Web.Jobs;

namespace ExplainerStudio.Web.Timeline;

public static class TimelineServiceCollectionExtensions
{
    /// <summary>Timeline alignment, scratch speech (cached under data/speech, durations in the database) and its filler, exports and their worker.</summary>
    public static IServiceCollection AddTimeline(this IServiceCollection services)
    {
        services.AddOptions<TimelineOptions>()
            .BindConfiguration(TimelineOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(provider => new EspeakSpeechSynthesizer(
            provider.GetRequiredService<FfmpegRunner>(),
            new SpeechOptions { CacheDirectory = Path.Combine(provider.GetRequiredService<StudioPaths>().DataDirectory, "speech") }));
        services.AddSingleton<TimelineExporter>();
        services.AddSingleton<AudioInspector>();
        services.AddSingleton<VoiceOverSplitter>();
        services.AddSingleton<ExportProgressNotifier>();
        services.AddSingleton<SpeechDurationCache>();
        services.AddSingleton<SpeechDurationFiller>();
        services.AddHostedService(provider => provider.GetRequiredService<SpeechDurationFiller>());
        services.AddSingleton<TimelineService>();
        services.AddSingleton<TimelineAudioService>();
        services.AddJobKind<ExportJob, ExportJobKind>();
        services.AddSingleton<ExportService>();
        services.AddHostedService<ExportWorker>();
        services.AddJobHubRelay(provider => provider.GetRequiredService<ExportProgressNotifier>().Events, ExportProgressNotifier.HubMethod);
        return services;
    }
}
