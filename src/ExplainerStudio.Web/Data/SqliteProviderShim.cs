using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace ExplainerStudio.Web.Data;

/// <summary>
/// Workaround for the package feed, to be deleted once SQLitePCLRaw 2.1 restores: Microsoft.Data.Sqlite 10 is
/// compiled against SQLitePCLRaw 2.1.x, but only 2.0.6 is available. The 2.0.6 assemblies expose the same API
/// surface Microsoft.Data.Sqlite uses, so a request for any SQLitePCLRaw 2.1 assembly is answered with the 2.0.6
/// file from the application folder, and the bundled native SQLite is initialised before first use.
/// </summary>
internal static class SqliteProviderShim
{
    private static int s_initialized;

    [ModuleInitializer]
    internal static void Initialize()
    {
        if (Interlocked.Exchange(ref s_initialized, 1) == 1)
        {
            return;
        }

        AssemblyLoadContext.Default.Resolving += ResolveSqlitePclRaw;
        SQLitePCL.Batteries_V2.Init();
    }

    private static Assembly? ResolveSqlitePclRaw(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is null || !name.Name.StartsWith("SQLitePCLRaw.", StringComparison.Ordinal))
        {
            return null;
        }

        var candidate = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
        return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
    }
}
