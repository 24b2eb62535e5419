// Putting an approved answer or a canned reply into the reply form: a button with data-insert-url (in the
// suggestions next to the reply form) asks the server for the text (which counts the use and fills in the
// placeholders) and puts it into the reply's text area, where it can still be edited before it is sent.
(function () {
  'use strict';

  function csrf() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    var headers = {};
    if (token && header) {
      headers[header.getAttribute('content')] = token.getAttribute('content');
    }
    return headers;
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-insert-url]');
    if (!button) {
      return;
    }
    var reply = document.getElementById('reply-text');
    if (!reply) {
      return;
    }
    button.disabled = true;
    fetch(button.getAttribute('data-insert-url'), { method: 'POST', headers: csrf(), credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.text();
      })
      .then(function (text) {
        reply.value = reply.value.trim() === '' ? text : reply.value.replace(/\s*$/, '') + '\n\n' + text;
        reply.focus();
      })
      .catch(function () {
        button.textContent = 'Could not insert; reload the page';
      })
      .finally(function () {
        button.disabled = false;
      });
  });
})();
