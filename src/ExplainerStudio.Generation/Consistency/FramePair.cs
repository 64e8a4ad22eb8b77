namespace ExplainerStudio.Generation.Consistency;

/// <summary>Two consecutive frames of a take, by <see cref="TakeFrame.Index"/>.</summary>
/// <param name="First">The earlier frame.</param>
/// <param name="Second">The later frame.</param>
public readonly record struct FramePair(int First, int Second);
