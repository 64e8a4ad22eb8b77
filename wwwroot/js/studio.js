// Small browser helpers the studio's components call through JS interop.
window.studio = {
    // Keyboard reordering: Alt+ArrowUp / Alt+ArrowDown on a focused shot card move it; the component re-focuses it.
    focus: function (selector) {
        const element = document.querySelector(selector);
        if (element) {
            element.focus();
        }
    },
    // Drag and drop needs dataTransfer set, or Firefox will not start a drag.
    startDrag: function (event) {
        if (event && event.dataTransfer) {
            event.dataTransfer.setData('text/plain', '');
        }
    }
};
document.addEventListener('dragstart', function (event) {
    if (event.target && event.target.closest && event.target.closest('[data-draggable-shot]')) {
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', event.target.getAttribute('data-shot-id') || '');
    }
});
