// Keyboard shortcuts. In the inbox list: j / k select the next / previous conversation, o or Enter opens it.
// On a conversation: a assigns it to me, c closes it, e escalates (asks for the reason), u goes back to the inbox.
// Everywhere: ? shows and hides this help. Nothing fires while typing in a field.
(function () {
  'use strict';
  var help = null;

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll('.conversations li'));
  }

  function select(step) {
    var list = items();
    if (list.length === 0) {
      return;
    }
    var current = list.findIndex(function (li) { return li.classList.contains('selected'); });
    var next = Math.max(0, Math.min(list.length - 1, current < 0 ? 0 : current + step));
    list.forEach(function (li) { li.classList.remove('selected'); });
    list[next].classList.add('selected');
    var link = list[next].querySelector('a');
    if (link) {
      link.focus();
    }
  }

  function submit(id) {
    var form = document.getElementById(id);
    if (form) {
      if (form.requestSubmit) {
        form.requestSubmit();
      } else {
        form.submit();
      }
    }
  }

  function toggleHelp() {
    if (help) {
      help.remove();
      help = null;
      return;
    }
    help = document.createElement('div');
    help.className = 'shortcut-help';
    help.setAttribute('role', 'dialog');
    help.setAttribute('aria-label', 'Keyboard shortcuts');
    var lines = [
      ['j / k', 'next / previous conversation'], ['o', 'open it'], ['a', 'assign to me'], ['c', 'close'],
      ['e', 'escalate'], ['u', 'back to the inbox'], ['?', 'this help']
    ];
    lines.forEach(function (line) {
      var row = document.createElement('div');
      var key = document.createElement('kbd');
      key.textContent = line[0];
      row.appendChild(key);
      row.appendChild(document.createTextNode(' ' + line[1]));
      help.appendChild(row);
    });
    document.body.appendChild(help);
  }

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    switch (event.key) {
      case 'j': select(1); break;
      case 'k': select(-1); break;
      case 'o': {
        var selected = document.querySelector('.conversations li.selected a');
        if (selected) {
          selected.click();
        }
        break;
      }
      case 'a': submit('assign-me'); break;
      case 'c': submit('close'); break;
      case 'e': {
        var reason = document.getElementById('escalation-reason');
        if (reason) {
          var details = reason.closest('details');
          if (details) {
            details.open = true;
          }
          var state = reason.form && reason.form.querySelector('select[name=state]');
          if (state) {
            state.value = 'escalated';
          }
          reason.focus();
          event.preventDefault();
        }
        break;
      }
      case 'u': {
        var back = document.querySelector('[data-shortcut=u]');
        if (back) {
          back.click();
        }
        break;
      }
      case '?': toggleHelp(); break;
      default: return;
    }
  });
}());
