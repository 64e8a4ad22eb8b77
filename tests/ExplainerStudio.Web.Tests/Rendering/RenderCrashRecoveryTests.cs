using System.Diagnostics;
using System.Text;
using ExplainerStudio.Web.Rendering;
using Microsoft.EntityFrameworkCore;

namespace ExplainerStudio.Web.Tests.Rendering;

/// <summary>Kills a real studio process in the middle of a render and starts it again.</summary>
public sealed class RenderCrashRecoveryTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly RenderStudio _studio = new(new Dictionary<string, string?> { ["Rendering:RunWorkers"] = "false" });
    private readonly StringBuilder _log = new();

    [Fact]
    public async Task KilledMidRender_ResumesAfterRestartWithExactlyOneTake()
    {
        var owner = await RenderFixtures.AddUserAsync(_studio.Services, "Owner");
        var (projectId, shots) = await RenderFixtures.AddProjectAsync(_studio.Services, owner, seconds: 60, steps: 50);
        await using (var setup = _studio.Db())
        {
            // Long enough (1440 frames) that the kill lands well inside the render even on a fast machine.
            await setup.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(u => u.SetProperty(p => p.FrameRate, 24));
        }
        var jobId = await _studio.Get<RenderQueue>().GenerateShotAsync(shots[0], owner);

        using (var first = StartStudio())
        {
            await RenderFixtures.WaitForJobAsync(_studio.Services, jobId, j => j.Status == RenderJobStatus.Running && j.Phase == "frames");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
        var interrupted = await RenderFixtures.WaitForJobAsync(_studio.Services, jobId, _ => true);
        Assert.Equal(RenderJobStatus.Running, interrupted.Status);

        using var second = StartStudio();
        var finished = await RenderFixtures.WaitUntilFinishedAsync(_studio.Services, jobId);
        second.Kill(entireProcessTree: true);
        await second.WaitForExitAsync();

        Assert.True(finished.Status == RenderJobStatus.Succeeded, $"{finished.Status}: {finished.Error}\n{_log}");
        Assert.Equal(2, finished.Attempts);
        await using var context = _studio.Db();
        var take = await context.Takes.SingleAsync();
        Assert.Equal(jobId, take.JobId);
        output.WriteLine($"The resumed render took {take.TotalMilliseconds:0} ms for {take.FrameCount} frames.");
        Assert.Equal(finished.TakeId, take.Id);
        var takeFiles = Directory.GetFiles(Path.Combine(_studio.DataDirectory, "takes"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_studio.DataDirectory, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { take.ClipPath, take.KeyframePath }.Order(StringComparer.Ordinal), takeFiles);
        var renderTemp = Path.Combine(_studio.DataDirectory, "tmp", "render");
        Assert.True(!Directory.Exists(renderTemp) || Directory.GetFileSystemEntries(renderTemp).Length == 0);
    }

    private Process StartStudio()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ExplainerStudio.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var (key, value) in RenderStudio.Settings(_studio.DataDirectory))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    public void Dispose() => _studio.Dispose();
}
