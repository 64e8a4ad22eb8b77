using ExplainerStudio.Testing;
using ExplainerStudio.Web.Workers;

namespace ExplainerStudio.E2E.Tests.Infrastructure;

/// <summary>A worker process of <see cref="FullTopologyFixture"/> and its row in the workers list (its id is a job's lease owner).</summary>
public sealed record RunningWorker(WorkerProcess Process, Worker Row);
