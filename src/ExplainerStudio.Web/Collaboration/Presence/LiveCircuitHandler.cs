using ExplainerStudio.Web.Collaboration.Changes;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ExplainerStudio.Web.Collaboration.Presence;

/// <summary>
/// Ties a circuit's lifetime to <see cref="LiveCircuit"/>: every inbound activity (an event, a JS call, a navigation)
/// runs with <see cref="ProjectChangeOrigin"/> set to this circuit, so changes it commits carry their origin; presence
/// hides while the connection is down and goes when the circuit closes.
/// </summary>
internal sealed class LiveCircuitHandler(LiveCircuit circuit) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            ProjectChangeOrigin.Current = circuit.Id;
            try
            {
                await next(context);
            }
            finally
            {
                ProjectChangeOrigin.Current = null;
            }
        };

    public override Task OnConnectionDownAsync(Circuit circuitInfo, CancellationToken cancellationToken)
    {
        circuit.ConnectionDown();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuitInfo, CancellationToken cancellationToken)
    {
        circuit.ConnectionUp();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuitInfo, CancellationToken cancellationToken)
    {
        circuit.Closed();
        return Task.CompletedTask;
    }
}
