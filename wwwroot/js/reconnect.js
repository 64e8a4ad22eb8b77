// Drives the reconnect dialog (Components/Layout/ReconnectModal.razor) from the Blazor script's state events.
(function () {
    const modal = document.getElementById('components-reconnect-modal');
    if (!modal) {
        return;
    }
    const states = ['show', 'retrying', 'failed', 'rejected', 'paused', 'resume-failed'];

    function show(state) {
        modal.dataset.state = state;
        if (state === 'hide') {
            if (modal.open) {
                modal.close();
            }
            return;
        }
        if (!modal.open) {
            modal.showModal();
        }
    }

    modal.addEventListener('components-reconnect-state-changed', function (event) {
        const state = event.detail && event.detail.state;
        if (state === 'hide' || states.includes(state)) {
            show(state);
        }
    });

    // Cancel (Esc) would hide the dialog while the page is still offline.
    modal.addEventListener('cancel', function (event) {
        event.preventDefault();
    });

    document.getElementById('components-reconnect-button').addEventListener('click', async function () {
        show('show');
        try {
            if (!await Blazor.reconnect()) {
                // The server no longer knows this circuit: resume from the state the client kept, or reload.
                if (!await Blazor.resumeCircuit()) {
                    show('rejected');
                }
            }
        } catch {
            show('failed');
        }
    });

    document.getElementById('components-resume-button').addEventListener('click', async function () {
        try {
            if (!await Blazor.resumeCircuit()) {
                show('resume-failed');
            }
        } catch {
            show('resume-failed');
        }
    });

    document.getElementById('components-reload-button').addEventListener('click', function () {
        location.reload();
    });

    // A tab that was in the background while the connection failed retries as soon as it is visible again.
    document.addEventListener('visibilitychange', async function () {
        if (document.visibilityState === 'visible' && modal.dataset.state === 'failed') {
            try {
                if (await Blazor.reconnect()) {
                    show('hide');
                }
            } catch {
                // Still offline; the dialog keeps saying so.
            }
        }
    });
})();
