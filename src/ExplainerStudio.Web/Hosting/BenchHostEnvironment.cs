using Microsoft.Extensions.FileProviders;

namespace ExplainerStudio.Web.Hosting;

/// <summary>
/// The host environment of a benchmark's own service container: Production, rooted where the bench keeps its data,
/// serving no files. Benchmarks build their studio services without a web host, so they say this themselves.
/// </summary>
internal sealed class BenchHostEnvironment(string contentRoot) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Production";
    public string ApplicationName { get; set; } = "ExplainerStudio.Web";
    public string ContentRootPath { get; set; } = contentRoot;
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
