// The Scope view's script: renders the view model the extension posts (src/extension/scopePanelModel.ts) with DOM
// calls only (no innerHTML, so text from the repository can never become markup), and sends back what was rendered
// (tests read it) and the user's clicks. Each section is one function in SECTIONS.
// @ts-check
(function () {
  // @ts-ignore acquireVsCodeApi is provided by the webview host.
  const vscode = acquireVsCodeApi();
  const main = /** @type {HTMLElement} */ (document.getElementById('scope'));
  const RENDERED_TEXT_LIMIT = 20000;

  /**
   * @param {string} tag
   * @param {Record<string, string>} [attributes]
   * @param {Array<Node | string | null | undefined | false>} [children]
   */
  function h(tag, attributes = {}, children = []) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      element.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return element;
  }

  function icon(name) {
    return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
  }

  function section(id, title, children) {
    const headingId = `${id}-heading`;
    return h('section', { id, 'aria-labelledby': headingId }, [h('h2', { id: headingId }, [title]), ...children]);
  }

  function muted(text) {
    return h('p', { class: 'muted' }, [text]);
  }

  /** A location the user can open: a real button, so it is reachable and activatable from the keyboard. */
  function locationLink(label, location) {
    if (!location) return h('span', {}, [label]);
    const where = `${location.path}:${location.line}`;
    return h('button', {
      type: 'button',
      class: 'link',
      'data-open': JSON.stringify(location),
      title: `Open ${where}`,
      'aria-label': `${label}, open ${where}`,
    }, [label]);
  }

  function chips(values, emptyText) {
    if (values.length === 0) return muted(emptyText);
    return h('ul', { class: 'chips' }, values.map((value) => h('li', { class: 'chip' }, [value])));
  }

  function definition(term, value) {
    return [h('dt', {}, [term]), h('dd', {}, [value])];
  }

  function classificationSection(model) {
    const { declared, inferred, understated, reasons } = model.classification;
    const file = model.scopeFile;
    const badge = (value, kind) => h('span', { class: `badge badge-${value ?? 'none'}`, 'aria-label': `${kind} classification: ${value ?? 'none'}` }, [
      h('span', { class: 'badge-kind' }, [kind]), value ?? 'not declared',
    ]);
    const children = [
      h('div', { class: 'badges' }, [badge(declared, 'Declared'), badge(inferred, 'Inferred')]),
      h('p', { class: 'policy' }, [h('span', { class: 'muted' }, ['Policy: ']), model.classification.policy]),
    ];
    if (file.state === 'invalid') {
      children.push(h('div', { class: 'callout error', role: 'alert' }, [icon('error'), h('div', {}, [
        h('strong', {}, [`${file.path} is invalid`]),
        h('ul', {}, file.problems.map((problem) => h('li', {}, [problem]))),
      ])]));
    } else if (file.state === 'missing') {
      children.push(h('div', { class: 'callout info' }, [icon('info'), h('span', {}, [`No ${file.path} yet: "Initialise scope file" writes one from what the code shows.`])]));
    }
    if (understated) {
      children.push(h('div', { class: 'callout warning', role: 'status' }, [icon('warning'), h('span', {}, [
        `The declaration understates the code: declared ${declared ?? 'nothing'}, the code shows ${inferred}.`,
      ])]));
    }
    if (reasons.length > 0) {
      children.push(h('details', {}, [h('summary', {}, ['Why the code looks ', inferred]), h('ul', { class: 'evidence' }, reasons.map((reason) => h('li', {}, [locationLink(reason.label, reason.location)])))]));
    }
    return section('classification', 'Classification', children);
  }

  function dataSection(model) {
    const { declared, inferred } = model.dataKinds;
    const undeclared = inferred.filter((entry) => !declared.includes(entry.kind));
    return section('data', 'Data and compliance', [
      h('h3', {}, ['Data kinds declared']),
      chips(declared, 'None declared.'),
      undeclared.length > 0 && h('h3', {}, ['Seen in the code, not declared']),
      undeclared.length > 0 && h('ul', { class: 'evidence' }, undeclared.map((entry) => h('li', {}, [
        h('span', { class: 'chip chip-warning' }, [entry.kind]), ' ',
        ...entry.evidence.slice(0, 3).flatMap((evidence, index) => [index > 0 ? ', ' : '', locationLink(evidence.label, evidence.location)]),
      ]))),
      h('h3', {}, ['Frameworks']),
      chips(model.frameworks, 'None declared.'),
      h('h3', {}, ['Owners']),
      chips(model.owners, 'No owners found (scope file, CODEOWNERS or catalog-info.yaml).'),
    ]);
  }

  function aiPolicySection(model) {
    const policy = model.aiPolicy;
    if (!policy) return section('ai-policy', 'AI policy', [muted('No AI policy declared.')]);
    const yesNo = (value) => (value ? 'yes' : 'no');
    return section('ai-policy', 'AI policy', [
      h('dl', {}, [
        ...definition('AI edits allowed', yesNo(policy.aiEditsAllowed)),
        ...definition('AI changes need review', yesNo(policy.reviewRequired)),
      ]),
      h('h3', {}, ['Restricted paths']),
      chips(policy.restrictedPaths, 'None.'),
      h('h3', {}, ['Approved assistants']),
      policy.assistants.length === 0 ? muted('None approved.') : h('ul', { class: 'assistants' }, policy.assistants.map((assistant) => h('li', {}, [
        h('span', { class: 'assistant-name' }, [assistant.name]),
        assistant.plan ? h('span', { class: 'muted' }, [` · ${assistant.plan}`]) : null,
        assistant.problems.length === 0
          ? h('span', { class: 'ok' }, [icon('pass'), 'covers the frameworks in force'])
          : h('ul', { class: 'problems' }, assistant.problems.map((problem) => h('li', {}, [icon('warning'), problem]))),
      ]))),
    ]);
  }

  function threatModelSection(model) {
    const threat = model.threatModel;
    const STATE_TEXT = { current: 'Current', stale: 'Review due', missing: 'Document missing', unreadable: 'Document unreadable', 'not-declared': 'Not declared' };
    const STATE_ICON = { current: 'pass', stale: 'warning', missing: 'warning', unreadable: 'warning', 'not-declared': 'circle-slash' };
    return section('threat-model', 'Threat model', [
      h('p', { class: `state state-${threat.state}` }, [icon(STATE_ICON[threat.state]), STATE_TEXT[threat.state]]),
      h('dl', {}, [
        ...(threat.document ? definition('Document', locationLink(threat.document, { path: threat.document, line: 1, column: 1 })) : []),
        ...(threat.owner ? definition('Owner', threat.owner) : []),
        ...definition('Last review', threat.lastReviewed ?? 'never'),
        ...(threat.nextReview ? definition('Next review', threat.nextReview) : []),
        ...(threat.threats ? definition('Threats', `${threat.threats.open} open, ${threat.threats.mitigated} mitigated`) : []),
      ]),
      threat.reasons.length > 0 && h('ul', { class: 'reasons' }, threat.reasons.map((reason) => h('li', {}, [reason]))),
      threat.changes.length > 0 && h('h3', {}, ['Changed since the last review']),
      threat.changes.length > 0 && h('ul', { class: 'evidence' }, threat.changes.map((change) => h('li', {}, [locationLink(change.label, change.location)]))),
    ]);
  }

  function findingsSection(model) {
    const { total, bySeverity, byCategory, newest, policyViolations, source } = model.findings;
    const count = (severity, one, many, iconName) => h('li', { class: `count count-${severity}` }, [
      icon(iconName), h('strong', {}, [String(bySeverity[severity])]), ` ${bySeverity[severity] === 1 ? one : many}`,
    ]);
    return section('findings', 'Findings', [
      h('p', { class: 'muted' }, [source]),
      h('ul', { class: 'counts', 'aria-label': `${total} findings by severity` }, [
        count('error', 'error', 'errors', 'error'), count('warning', 'warning', 'warnings', 'warning'), count('info', 'info', 'info', 'info'),
      ]),
      policyViolations > 0 && h('p', { class: 'callout warning' }, [icon('law'), `${policyViolations} in restricted paths (policy violations)`]),
      byCategory.length > 0 && h('table', { class: 'categories' }, [
        h('caption', { class: 'visually-hidden' }, ['Findings by category']),
        h('thead', {}, [h('tr', {}, [h('th', { scope: 'col' }, ['Category']), h('th', { scope: 'col' }, ['Count'])])]),
        h('tbody', {}, byCategory.map((entry) => h('tr', {}, [h('td', {}, [entry.category]), h('td', {}, [String(entry.count)])]))),
      ]),
      h('h3', {}, ['Newest']),
      newest.length === 0 ? muted('No findings.') : h('ul', { class: 'findings' }, newest.map((finding) => h('li', { class: `finding finding-${finding.severity}` }, [
        icon(finding.severity === 'info' ? 'info' : finding.severity),
        h('div', {}, [
          locationLink(`${finding.location.path}:${finding.location.line}`, finding.location),
          h('span', { class: 'rule' }, [` ${finding.ruleId}`]),
          h('div', { class: 'message' }, [finding.message]),
        ]),
      ]))),
    ]);
  }

  function newImportsSection(model) {
    return section('new-imports', 'New imports', [
      model.newImports.length === 0 ? muted('No new imports found.') : h('ul', { class: 'evidence' }, model.newImports.map((entry) => h('li', {}, [
        locationLink(entry.name, entry.location), h('span', { class: 'muted' }, [` ${entry.location.path}:${entry.location.line}`]),
      ]))),
    ]);
  }

  function agentSettings(label, settings) {
    return h('div', { class: 'agent-settings' }, [
      h('h4', {}, [label]),
      settings.length === 0 ? muted('Not set (the tool\'s default).') : h('ul', { class: 'evidence' }, settings.map((setting) => h('li', {}, [
        locationLink(setting.label, setting.location), h('span', { class: 'muted' }, [` ${setting.location.path}:${setting.location.line}`]),
      ]))),
    ]);
  }

  function agentAccessSection(model) {
    return section('agent-access', 'Agent access', model.agentAccess.length === 0
      ? [muted('No coding-agent settings committed in this repository.')]
      : model.agentAccess.map((agent) => h('div', { class: 'agent' }, [
        h('h3', {}, [agent.name]),
        h('p', { class: 'muted' }, [agent.files.join(', ')]),
        agentSettings('Sandbox', agent.sandbox),
        agentSettings('Approvals', agent.approval),
        agentSettings('Network', agent.network),
        agent.violations.length === 0 ? muted('No violations.') : h('ul', { class: 'findings', 'aria-label': `${agent.name}: ${agent.violations.length} violations` }, agent.violations.map((violation) => h('li', { class: `finding finding-${violation.severity}` }, [
          icon(violation.severity === 'info' ? 'info' : violation.severity),
          h('div', {}, [
            locationLink(`${violation.location.path}:${violation.location.line}`, violation.location),
            h('span', { class: 'rule' }, [` ${violation.ruleId}`]),
            h('div', { class: 'message' }, [violation.message]),
          ]),
        ]))),
      ])));
  }

  /** One function per section, in the order they appear; a new section is one more function here. */
  const SECTIONS = [classificationSection, dataSection, aiPolicySection, threatModelSection, findingsSection, newImportsSection, agentAccessSection];

  function render(model) {
    // Once a valid scope file exists, initialising is the exception: the button steps back.
    document.querySelector('button[data-command="initScope"]')?.classList.toggle('secondary', model.scopeFile.state === 'valid');
    main.replaceChildren(
      h('p', { class: 'muted folder' }, [icon('folder'), model.folder]),
      ...SECTIONS.map((renderSection) => renderSection(model)),
    );
    vscode.setState({ model });
    vscode.postMessage({ type: 'rendered', text: (main.textContent ?? '').slice(0, RENDERED_TEXT_LIMIT) });
  }

  function renderProblem(problem) {
    main.replaceChildren(h('div', { class: 'callout error', role: 'alert' }, [icon('error'), h('span', {}, [problem])]));
    vscode.setState(undefined);
    vscode.postMessage({ type: 'rendered', text: (main.textContent ?? '').slice(0, RENDERED_TEXT_LIMIT) });
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button') : null;
    if (!target) return;
    if (target.dataset.command) vscode.postMessage({ type: 'command', command: target.dataset.command });
    else if (target.dataset.open) vscode.postMessage({ type: 'open', location: JSON.parse(target.dataset.open) });
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message && message.type === 'model' && message.model) render(message.model);
    else if (message && message.type === 'problem' && typeof message.problem === 'string') renderProblem(message.problem);
  });

  const saved = vscode.getState();
  if (saved && saved.model) render(saved.model);
  vscode.postMessage({ type: 'ready' });
})();
