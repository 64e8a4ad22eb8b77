namespace ExplainerStudio.Web.Storyboards;

/// <summary>An edit was based on a version someone else has changed since; it was refused rather than overwrite theirs.</summary>
public sealed class EditConflictException(string what) : Exception(
    $"{what} was changed by someone else after you opened it. Your edit was not saved, so their change is kept; " +
    "reload to see the current version and apply your edit again.");
