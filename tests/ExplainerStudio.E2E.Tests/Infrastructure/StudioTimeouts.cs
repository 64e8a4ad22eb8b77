namespace ExplainerStudio.E2E.Tests.Infrastructure;

/// <summary>
/// Generous limits: CI runs the studio, its SQLite writes, ffmpeg and Chromium on two shared cores. These bound how
/// long a broken page is waited for; a working page answers far sooner.
/// </summary>
public static class StudioTimeouts
{
    public const float ActionMilliseconds = 30_000;
    public const float ExpectMilliseconds = 20_000;
}
