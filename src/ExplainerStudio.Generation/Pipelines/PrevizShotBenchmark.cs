using System.Diagnostics;
using ExplainerStudio.Generation.Imaging;

namespace ExplainerStudio.Generation.Pipelines;

/// <summary>
/// The previz figures of `./studio.sh bench generation`, on a 1280×720 shot (by default) with a drawn character (<see cref="PrevizBenchScene"/>):
/// grain (background high-frequency energy of the keyframe against the layout's), fidelity (SSIM of the character
/// region against its placed reference, and the VAE round trip's as the ceiling), the prompt's effect (the background's
/// colour shift toward a named colour), a shot with no character, and the clip: frame-to-frame flicker and seconds per
/// shot, refining every frame (the baseline) against refining every <see cref="DiffusionPipeline.DefaultRefineEvery"/>-th,
/// both measured in the same run so the ratio holds on a loaded machine.
/// </summary>
public static class PrevizShotBenchmark
{
    /// <summary>Renders the scene and adds the <c>previz_*</c> figures to <paramref name="figures"/>.</summary>
    public static void Measure(DiffusionPipeline pipeline, int width, int height, int frames, int frameRate, IDictionary<string, double> figures, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(figures);
        var scene = new PrevizBenchScene(width, height);
        GenerationRequest request = scene.Request("a classroom with a whiteboard, flat illustration");

        pipeline.Generate(request with { Steps = 2 }, cancellationToken: cancellationToken);
        RgbImage keyframe = pipeline.Generate(request, cancellationToken: cancellationToken).Image;
        figures["previz_grain_layout"] = RenderQuality.HighFrequencyEnergy(scene.Layout, scene.IsBackground);
        figures["previz_grain_keyframe"] = RenderQuality.HighFrequencyEnergy(keyframe, scene.IsBackground);
        figures["previz_fidelity_ssim"] = scene.Fidelity(keyframe);
        figures["previz_fidelity_ssim_layout"] = scene.Fidelity(scene.Layout);
        figures["previz_halo_fringe_keyframe"] = scene.Fringe(keyframe);
        figures["previz_halo_fringe_layout"] = scene.Fringe(scene.Layout);
        var unkeyed = new PrevizBenchScene(width, height, keyBackdrop: false);
        figures["previz_halo_fringe_unkeyed_keyframe"] = unkeyed.Fringe(pipeline.Generate(unkeyed.Request(request.Prompt), cancellationToken: cancellationToken).Image);

        RgbImage red = pipeline.Generate(request with { Prompt = "a red classroom with a whiteboard, flat illustration" }, cancellationToken: cancellationToken).Image;
        RgbImage blue = pipeline.Generate(request with { Prompt = "a blue classroom with a whiteboard, flat illustration" }, cancellationToken: cancellationToken).Image;
        var baseline = RenderQuality.MeanColour(keyframe, scene.IsBackground);
        figures["previz_prompt_shift_toward_red"] = RenderQuality.ShiftToward(baseline, RenderQuality.MeanColour(red, scene.IsBackground), new RgbColor(255, 0, 0));
        figures["previz_prompt_shift_toward_blue"] = RenderQuality.ShiftToward(baseline, RenderQuality.MeanColour(blue, scene.IsBackground), new RgbColor(0, 0, 255));

        var empty = new PrevizBenchScene(width, height, withCharacter: false);
        RgbImage emptyKeyframe = pipeline.Generate(empty.Request("a sunset over the sea"), cancellationToken: cancellationToken).Image;
        figures["previz_empty_shot_grain"] = RenderQuality.HighFrequencyEnergy(emptyKeyframe);

        foreach (int every in new[] { 1, DiffusionPipeline.DefaultRefineEvery })
        {
            var clock = Stopwatch.StartNew();
            var clip = new List<RgbImage>();
            RgbImage? key = null;
            foreach (ShotFrame frame in pipeline.RenderShotAsync(request, CameraMove.DollyIn, frames, refineEvery: every, cancellationToken: cancellationToken)
                .ToBlockingEnumerable(cancellationToken))
            {
                if (frame.IsKeyframe)
                {
                    key = frame.Image;
                    figures[$"previz_shot_refine_every_{every}_keyframe_seconds"] = clock.Elapsed.TotalSeconds;
                }
                else
                {
                    clip.Add(frame.Image);
                }
            }

            double seconds = clock.Elapsed.TotalSeconds;
            var resampleClock = Stopwatch.StartNew();
            var expected = Enumerable.Range(1, frames).Select(i => CameraMotion.RenderFrame(key!, CameraMove.DollyIn, (double)i / frames)).ToList();
            figures["previz_shot_camera_resample_ms_per_frame"] = resampleClock.Elapsed.TotalMilliseconds / frames;
            figures[$"previz_shot_refine_every_{every}_seconds"] = seconds;
            figures[$"previz_shot_refine_every_{every}_realtime_ratio"] = seconds / ((double)frames / frameRate);
            figures[$"previz_shot_refine_every_{every}_flicker"] = RenderQuality.Flicker(clip, expected);
        }

        figures["previz_shot_speedup"] = figures["previz_shot_refine_every_1_seconds"] / figures[$"previz_shot_refine_every_{DiffusionPipeline.DefaultRefineEvery}_seconds"];
        figures["previz_shot_frames"] = frames;
        figures["previz_shot_seconds_of_video"] = (double)frames / frameRate;
    }
}
