using System.Runtime.InteropServices;

namespace ExplainerStudio.Generation.Runtime.Native;

/// <summary>
/// Owns an <c>OrtSession</c>. Being a <see cref="SafeHandle"/>, it defers the release until every run that
/// added a reference has finished, so disposing the runtime during a run cannot free the session under it.
/// </summary>
internal sealed class OrtSessionHandle : SafeHandle
{
    private readonly OrtLibrary _library;
    private nint[] _ownedStrings = [];

    public OrtSessionHandle(OrtLibrary library, nint session)
        : base(0, ownsHandle: true)
    {
        _library = library;
        SetHandle(session);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Native strings (input and output names) that runs use and that go with the session.</summary>
    public void Own(nint[] strings)
    {
        _ownedStrings = [.. _ownedStrings, .. strings];
    }

    protected override unsafe bool ReleaseHandle()
    {
        _library.Api.ReleaseSession(handle);
        foreach (nint s in _ownedStrings)
        {
            Marshal.FreeCoTaskMem(s);
        }

        return true;
    }
}
