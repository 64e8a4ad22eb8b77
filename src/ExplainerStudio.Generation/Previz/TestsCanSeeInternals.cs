using System.Runtime.CompilerServices;

// The previz tests check the generated graphs against the designed tables they were built from.
[assembly: InternalsVisibleTo("ExplainerStudio.Generation.Tests")]
