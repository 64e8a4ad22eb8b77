using System.Globalization;
using ExplainerStudio.Generation.Pipelines;
using ExplainerStudio.Generation.Previz;

namespace ExplainerStudio.Web.Hosting;

/// <summary>
/// Command-line verbs of the studio binary besides serving: `bench` (used by ./studio.sh bench) and
/// `generate-previz` (rewrites models/previz from its generator). They share the host's content-root rules.
/// </summary>
public static class StudioCommands
{
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        switch (args[0])
        {
            case "bench":
                return await BenchAsync();
            case "generate-previz":
                var target = args.Length > 1 ? Path.GetFullPath(args[1]) : Path.Combine(StudioPaths.FindContentRoot(AppContext.BaseDirectory), "models", "previz");
                PrevizPackWriter.Write(target);
                Console.WriteLine($"Wrote the previz pack to {target}");
                return 0;
            default:
                return null;
        }
    }

    private static async Task<int> BenchAsync()
    {
        var root = StudioPaths.FindContentRoot(AppContext.BaseDirectory);
        var benchDirectory = Path.Combine(root, "data", "bench");
        Directory.CreateDirectory(benchDirectory);

        Console.WriteLine("Generation benchmark (CPU): bench UNet steps, previz image-to-image, memory…");
        var figures = await GenerationBenchmark.RunAsync(new GenerationBenchmarkOptions
        {
            WorkDirectory = Path.Combine(benchDirectory, "work"),
            PrevizPackDirectory = Path.Combine(root, "models", "previz"),
        });
        var path = Path.Combine(benchDirectory, "generation.json");
        GenerationBenchmark.WriteJson(figures, path);
        foreach (var (name, value) in figures)
        {
            Console.WriteLine($"  {name}: {value.ToString("0.####", CultureInfo.InvariantCulture)}");
        }
        Console.WriteLine($"Wrote {path}");
        return 0;
    }
}
