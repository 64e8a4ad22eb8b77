using System.Text.RegularExpressions;

namespace ExplainerStudio.Media.Ffmpeg;

/// <summary>
/// The arguments of one ffmpeg run, built as a list (never one quoted string). Inputs are local files (checked
/// when the job runs), ffmpeg's standard input, or a generated source (a lavfi graph such as
/// <c>color=black:size=1280x720</c>); each input is opened with <c>-protocol_whitelist file,pipe</c>.
/// The runner adds the fixed options <c>-nostdin -hide_banner -nostats -y</c> and, unless an output goes to
/// standard output, <c>-progress pipe:1</c>.
/// </summary>
/// <remarks>
/// Options are passed to ffmpeg exactly as given. Format numbers with <see cref="FfmpegValue"/> so that
/// they are culture-invariant.
/// </remarks>
public sealed partial class FfmpegCommand
{
    private const string ProtocolWhitelist = "file,pipe";
    private readonly List<string> _globalOptions = [];
    private readonly List<Endpoint> _inputs = [];
    private readonly List<Endpoint> _outputs = [];

    /// <summary>True when an input reads ffmpeg's standard input (<c>pipe:0</c>).</summary>
    public bool ReadsStandardInput => _inputs.Any(input => input.Kind == EndpointKind.StandardStream);

    /// <summary>True when an output goes to ffmpeg's standard output (<c>pipe:1</c>).</summary>
    public bool WritesStandardOutput => _outputs.Any(output => output.Kind == EndpointKind.StandardStream);

    /// <summary>The absolute paths of the file inputs, in order.</summary>
    public IReadOnlyList<string> InputFiles =>
        [.. _inputs.Where(input => input.Kind == EndpointKind.File).Select(input => input.Target)];

    /// <summary>The absolute paths of the file outputs, in order.</summary>
    public IReadOnlyList<string> OutputFiles =>
        [.. _outputs.Where(output => output.Kind == EndpointKind.File).Select(output => output.Target)];

    /// <summary>
    /// Adds options that apply to the whole run and go before the inputs, such as <c>-loglevel error</c>,
    /// <c>-xerror</c> or <c>-filter_complex</c>.
    /// </summary>
    public FfmpegCommand WithOptions(params IEnumerable<string> options)
    {
        _globalOptions.AddRange(CheckOptions(options));
        return this;
    }

    /// <summary>Adds a local file input; <paramref name="options"/> go before its <c>-i</c>.</summary>
    /// <exception cref="MediaInputException">The path is empty or a URL.</exception>
    public FfmpegCommand AddInput(string path, params IEnumerable<string> options)
    {
        _inputs.Add(new Endpoint(EndpointKind.File, LocalMediaPath.Resolve(path), CheckOptions(options)));
        return this;
    }

    /// <summary>
    /// Adds ffmpeg's standard input as an input (for raw frames); <paramref name="options"/> go before its
    /// <c>-i</c> and normally name the raw format, for example <c>-f rawvideo -pix_fmt rgb24 -s 64x48 -r 24</c>.
    /// </summary>
    public FfmpegCommand AddStandardInput(params IEnumerable<string> options)
    {
        if (ReadsStandardInput)
        {
            throw new InvalidOperationException("The command already reads standard input; ffmpeg has only one.");
        }

        _inputs.Add(new Endpoint(EndpointKind.StandardStream, "pipe:0", CheckOptions(options)));
        return this;
    }

    /// <summary>
    /// Adds a generated source: a lavfi filter graph such as <c>anullsrc=r=48000:cl=stereo</c> or
    /// <c>testsrc=size=64x48:rate=24:duration=1</c>. Graphs that open files or URLs (<c>movie</c>,
    /// <c>amovie</c>) are refused.
    /// </summary>
    public FfmpegCommand AddGeneratedInput(string filterGraph, params IEnumerable<string> options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filterGraph);
        if (MovieSource().IsMatch(filterGraph))
        {
            throw new MediaInputException(
                $"Generated input '{filterGraph}' opens media through a movie source; add files with AddInput instead.");
        }

        _inputs.Add(new Endpoint(EndpointKind.Generated, filterGraph, ["-f", "lavfi", .. CheckOptions(options)]));
        return this;
    }

    /// <summary>Adds a file output; <paramref name="options"/> go before its path. Its folder is created if missing.</summary>
    public FfmpegCommand AddOutput(string path, params IEnumerable<string> options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _outputs.Add(new Endpoint(EndpointKind.File, Path.GetFullPath(path), CheckOptions(options)));
        return this;
    }

    /// <summary>
    /// Adds ffmpeg's standard output as an output (for raw frames); <paramref name="options"/> go before it and
    /// must name the format, for example <c>-f rawvideo -pix_fmt rgb24</c>. A run with such an output reports
    /// no progress, because <c>-progress</c> would share the pipe.
    /// </summary>
    public FfmpegCommand AddStandardOutput(params IEnumerable<string> options)
    {
        if (WritesStandardOutput)
        {
            throw new InvalidOperationException("The command already writes standard output; ffmpeg has only one.");
        }

        _outputs.Add(new Endpoint(EndpointKind.StandardStream, "pipe:1", CheckOptions(options)));
        return this;
    }

    /// <summary>
    /// The full argument list after the executable: fixed options, global options, inputs, then outputs.
    /// </summary>
    public IReadOnlyList<string> BuildArguments()
    {
        if (_inputs.Count == 0 || _outputs.Count == 0)
        {
            throw new InvalidOperationException("An ffmpeg command needs at least one input and one output.");
        }

        var arguments = new List<string> { "-nostdin", "-hide_banner", "-nostats", "-y" };
        if (!WritesStandardOutput)
        {
            arguments.AddRange(["-progress", "pipe:1"]);
        }

        arguments.AddRange(_globalOptions);
        foreach (Endpoint input in _inputs)
        {
            arguments.AddRange(input.Options);
            arguments.AddRange(["-protocol_whitelist", ProtocolWhitelist, "-i", input.Target]);
        }

        foreach (Endpoint output in _outputs)
        {
            arguments.AddRange(output.Options);
            arguments.Add(output.Target);
        }

        return arguments;
    }

    private static List<string> CheckOptions(IEnumerable<string> options)
    {
        List<string> list = [.. options];
        foreach (string option in list)
        {
            ArgumentNullException.ThrowIfNull(option, nameof(options));
            if (option == "-i")
            {
                throw new ArgumentException(
                    "Inputs are added with AddInput, AddStandardInput or AddGeneratedInput, not as a '-i' option, so that they are checked.",
                    nameof(options));
            }
        }

        return list;
    }

    [GeneratedRegex(@"(^|[^A-Za-z_])a?movie\s*(=|$|[,;\[])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MovieSource();

    private enum EndpointKind
    {
        File,
        StandardStream,
        Generated,
    }

    private sealed record Endpoint(EndpointKind Kind, string Target, IReadOnlyList<string> Options);
}
