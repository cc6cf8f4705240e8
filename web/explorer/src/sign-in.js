// The top bar's sign-in control: a button that unfolds a small form where the user pastes an API key or
// a JWT. The token is checked with the `viewer` query before it is kept (credentials.js); once kept, the
// button shows the role and the credential the service sees ("Editor · key:3f9c…") and the form gives
// way to "Sign out".

import * as api from './api.js';
import * as credentials from './credentials.js';
import { h, icon, ICONS, replaceChildren } from './dom.js';

const ROLE_LABELS = { VIEWER: 'Viewer', EDITOR: 'Editor', ADMIN: 'Admin' };

/** "Editor" for EDITOR; an unknown role as the service spells it. */
export const roleLabel = (role) => ROLE_LABELS[role] || String(role || '');

/** A subject short enough for the top bar: "key:3f9c…" for "key:3f9c0a1b2c3d4e5f". */
export function shortSubject(subject) {
  if (!subject) return '';
  const colon = subject.indexOf(':');
  const kind = colon >= 0 ? subject.slice(0, colon + 1) : '';
  const rest = subject.slice(kind.length);
  return rest.length > 6 ? `${kind}${rest.slice(0, 4)}…` : subject;
}

export class SignIn {
  constructor() {
    this.viewer = null; // {role, subject} once the service has said who the token belongs to
    this.label = h('span', 'Sign in');
    this.toggle = h(
      'button.button.sign-in-toggle',
      {
        type: 'button',
        id: 'sign-in-toggle',
        'aria-expanded': 'false',
        'aria-controls': 'sign-in-panel',
        onclick: () => this.open(this.panel.hidden, { focus: true }),
      },
      icon(ICONS.key),
      this.label,
    );
    this.input = h('input.sign-in-input', {
      id: 'sign-in-token',
      type: 'password',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': 'sign-in-note sign-in-message',
    });
    this.submit = h('button.button.primary', { type: 'submit' }, 'Sign in');
    this.form = h(
      'form.sign-in-form',
      { 'aria-label': 'Sign in', onsubmit: (e) => this.signIn(e) },
      h('label.control-label', { for: 'sign-in-token' }, 'API key or token'),
      this.input,
      h(
        'p.control-note',
        { id: 'sign-in-note' },
        'Kept in this tab only, until you sign out or close it, and sent with every request to the API.',
      ),
      h(
        'div.row',
        this.submit,
        h('button.button', { type: 'button', onclick: () => this.open(false, { focus: true }) }, 'Cancel'),
      ),
    );
    this.account = h('div.sign-in-account', { hidden: true });
    // What went wrong, on screen; the same words and the sign-ins and outs are read out by `announcer`,
    // which stays in the page while the panel is folded away.
    this.message = h('p.sign-in-message.error', { id: 'sign-in-message', hidden: true });
    this.announcer = h('span.sr-only', { role: 'status', 'aria-live': 'polite' });
    this.panel = h('div.sign-in-panel', { id: 'sign-in-panel', hidden: true }, this.message, this.form, this.account);
    this.root = h('div.sign-in', { onkeydown: (e) => this.key(e) }, this.toggle, this.panel, this.announcer);

    // A click elsewhere folds the panel away.
    document.addEventListener('pointerdown', (e) => {
      if (!this.panel.hidden && !this.root.contains(e.target)) this.open(false);
    });
    credentials.subscribe((reason) => this.changed(reason));
    this.render();
    // A token kept from before a reload of the page: ask again whose it is.
    if (credentials.token()) this.check();
  }

  /** Unfolds the panel (or folds it with open false); with focus, moves the focus into it or back to the button. */
  open(open, { focus = false } = {}) {
    this.panel.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    if (!focus) return;
    if (!open) this.toggle.focus();
    else if (credentials.token()) this.account.querySelector('button')?.focus();
    else this.input.focus();
  }

  key(e) {
    if (e.key === 'Escape' && !this.panel.hidden) {
      e.stopPropagation(); // the page's own Escape closes the details panel
      this.open(false, { focus: true });
    }
  }

  /** Checks the pasted token with the service and keeps it if the service knows it. */
  async signIn(e) {
    e.preventDefault();
    const token = this.input.value.trim().replace(/^Bearer\s+/i, '');
    if (!token) {
      this.say('Paste an API key or a token first.');
      this.input.focus();
      return;
    }
    this.submit.disabled = true;
    this.say('');
    this.announce('Checking the token…');
    try {
      const viewer = await api.fetchViewer({ token });
      if (!viewer.authenticated) throw new api.ApiError('The service did not take the token.', 'UNAUTHENTICATED', 401);
      this.viewer = viewer;
      this.input.value = '';
      credentials.setToken(token);
      this.open(false, { focus: true });
    } catch (err) {
      if (err.code === 'UNAUTHENTICATED') {
        this.input.value = '';
        this.say('The service refused this token, so you are not signed in. Check that it is whole and not revoked.');
      } else {
        this.say(`The token could not be checked: ${err.message}`);
      }
      this.input.focus();
    } finally {
      this.submit.disabled = false;
    }
  }

  /** Asks the service who the kept token belongs to; a refused one is forgotten by api.js. */
  async check() {
    const token = credentials.token();
    try {
      const viewer = await api.fetchViewer({ token });
      if (credentials.token() !== token) return; // signed out or in again meanwhile
      this.viewer = viewer;
      this.render();
      this.announce(`Signed in as ${this.who()}.`);
    } catch {
      // A refused token has been forgotten (changed shows why); anything else leaves the user signed in.
    }
  }

  signOut() {
    this.viewer = null;
    credentials.setToken('');
    this.open(false, { focus: true });
  }

  /** Follows the token: a sign-in, a sign-out, a token the service refused or a service that wants one. */
  changed(reason) {
    if (reason === 'refused') {
      this.viewer = null;
      this.say('The service refused your token, so you are signed out. Sign in again to go on.');
      this.open(true);
    } else if (reason === 'required') {
      this.say('This service needs a token: sign in with an API key to see the network.');
      this.open(true);
    } else {
      this.say('');
    }
    this.render();
    if (reason === 'signed-in') this.announce(`Signed in as ${this.who()}.`);
    else if (reason === 'signed-out') this.announce('Signed out.');
  }

  /** "Editor · key:3f9c…", or "Signed in" until the service has said whose the token is. */
  who() {
    if (!this.viewer) return 'Signed in';
    const role = roleLabel(this.viewer.role);
    return this.viewer.subject ? `${role} · ${shortSubject(this.viewer.subject)}` : role;
  }

  /** Draws the button and the panel for the current token. */
  render() {
    const signedIn = Boolean(credentials.token());
    this.form.hidden = signedIn;
    this.account.hidden = !signedIn;
    this.toggle.dataset.signedIn = String(signedIn);
    if (!signedIn) {
      this.label.textContent = 'Sign in';
      this.toggle.title = 'Sign in with an API key or token';
      replaceChildren(this.account);
      return;
    }
    const role = this.viewer ? roleLabel(this.viewer.role) : '';
    const subject = this.viewer?.subject || '';
    this.label.textContent = this.who();
    this.toggle.title = role ? `Signed in as ${role}${subject ? ` (${subject})` : ''}` : 'Signed in';
    replaceChildren(
      this.account,
      role ? h('p', 'Signed in as ', h('strong', role)) : h('p', 'Signed in'),
      subject ? h('p.sign-in-subject', { title: 'The credential the service sees' }, subject) : null,
      h('button.button.wide', { type: 'button', onclick: () => this.signOut() }, 'Sign out'),
    );
  }

  /** Shows a message in the panel ('' clears it) and reads it out. */
  say(text) {
    this.message.textContent = text;
    this.message.hidden = !text;
    if (text) this.announce(text);
  }

  announce(text) {
    this.announcer.textContent = text;
  }
}
