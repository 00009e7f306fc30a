(function () {
  var status = document.getElementById('report-status');
  function recordError(message) {
    var item = document.createElement('li'); item.textContent = String(message); status.appendChild(item);
    status.setAttribute('data-errors', String(status.children.length));
  }
  window.addEventListener('error', function (e) { recordError('error: ' + e.message); });
  window.addEventListener('unhandledrejection', function (e) { recordError('rejection: ' + e.reason); });
  var consoleError = console.error;
  console.error = function () { recordError('console.error: ' + Array.prototype.join.call(arguments, ' ')); consoleError.apply(console, arguments); };
  window.__recordReportError = recordError;
})();
