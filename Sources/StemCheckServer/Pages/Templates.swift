import Mustache

/// The pages' Mustache templates, by name. Every `{{value}}` is HTML-escaped (Mustache's
/// default), so text a user typed is always shown as text. The one unescaped value,
/// `{{{preview}}}`, is the letter's HTML as LetterRenderer writes it, which escapes every value
/// (the issued letter is the same HTML). Each page extends `layout`.
enum PageTemplates {
    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in all { try library.register(text, named: name) }
        return library
    }

    static let all: [(String, String)] = [
        ("layout", layout), ("sign-in", signIn), ("queue", queue), ("new", newSubmission), ("submission", submission),
        ("compare", compare), ("determination", determination), ("audit", audit), ("users", users), ("error", error),
    ]

    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{$title}}stemcheck{{/title}} · {{chrome.board}}</title>
        <link rel="stylesheet" href="/static/app.css">
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
        {{#chrome}}
        <p class="brand"><a href="/queue">stemcheck</a> <span>{{board}}</span></p>
        {{#user}}
        <nav aria-label="Main">
        <ul>
        <li><a href="/queue">Queue</a></li>
        {{#canSubmit}}<li><a href="/submissions/new">New submission</a></li>{{/canSubmit}}
        {{#isAdmin}}<li><a href="/admin/users">Users</a></li>{{/isAdmin}}
        </ul>
        </nav>
        <form method="post" action="/sign-out" class="signout">
        <input type="hidden" name="csrf" value="{{chrome.user.csrf}}">
        <span>{{name}} <span class="roles">({{roles}})</span></span>
        <button type="submit">Sign out</button>
        </form>
        {{/user}}
        {{/chrome}}
        </header>
        <main id="main">
        {{#chrome.notice}}<p class="notice" role="status">{{.}}</p>{{/chrome.notice}}
        {{$main}}{{/main}}
        </main>
        <footer class="foot"><p>stemcheck-server · every action is recorded in the board's audit trail</p></footer>
        </body>
        </html>
        """

    static let error = """
        {{<layout}}
        {{$title}}{{heading}}{{/title}}
        {{$main}}
        <h1>{{heading}}</h1>
        <div class="error-box" role="alert">
        <p>{{message}}</p>
        {{#hint}}<p class="hint">{{.}}</p>{{/hint}}
        </div>
        <p>{{#back}}<a href="{{.}}">Back</a> · {{/back}}<a href="/queue">The queue</a></p>
        {{/main}}
        {{/layout}}
        """

    static let signIn = """
        {{<layout}}
        {{$title}}Sign in{{/title}}
        {{$main}}
        <h1>Sign in</h1>
        {{#problem}}<div class="error-box" role="alert"><p>{{.}}</p></div>{{/problem}}
        <form method="post" action="/sign-in" class="narrow">
        <input type="hidden" name="next" value="{{next}}"><input type="hidden" name="csrf" value="{{token}}">
        <p><label for="login">Login</label>
        <input id="login" name="login" autocomplete="username" required value="{{login}}"></p>
        <p><label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">Sign in</button></p>
        </form>
        <p class="hint">Accounts are created by the board's administrator (<code>stemcheck-server user add</code>).</p>
        {{/main}}
        {{/layout}}
        """

    static let queue = """
        {{<layout}}
        {{$title}}Queue{{/title}}
        {{$main}}
        <h1>Submissions</h1>
        <nav aria-label="Queues" class="tabs">
        <ul>
        {{#tabs}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}} <span class="count">{{count}}</span></a></li>{{/tabs}}
        </ul>
        </nav>
        <form method="get" action="/queue" class="filters">
        {{#queue}}<input type="hidden" name="queue" value="{{.}}">{{/queue}}
        <p><label for="verdict">Verdict</label>
        <select id="verdict" name="verdict">{{#verdicts}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/verdicts}}</select></p>
        <p><label for="reviewer">Reviewer</label>
        <select id="reviewer" name="reviewer">{{#reviewers}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/reviewers}}</select></p>
        <p><label for="age">Waiting</label>
        <select id="age" name="age">{{#ages}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/ages}}</select></p>
        <p><label for="sort">Sort by</label>
        <select id="sort" name="sort">{{#sorts}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sorts}}</select></p>
        <p><button type="submit">Apply</button></p>
        </form>
        {{^hasItems}}<p class="empty">No submission in this queue.</p>{{/hasItems}}
        {{#hasItems}}
        <table class="queue">
        <caption>{{caption}}</caption>
        <thead><tr><th scope="col">No.</th><th scope="col">Title</th><th scope="col">State</th><th scope="col">Verdict</th>
        <th scope="col">Submitter</th><th scope="col">Reviewers</th><th scope="col">Waiting</th><th scope="col">Version</th></tr></thead>
        <tbody>
        {{#items}}
        <tr><td>{{id}}</td><td><a href="/submissions/{{id}}">{{title}}</a> <span class="type">{{type}}</span></td>
        <td>{{state}}</td><td><span class="verdict v-{{verdictClass}}">{{verdictLabel}}</span></td>
        <td>{{submitter}}</td><td>{{reviewers}}</td><td>{{age}}</td><td>v{{latestVersion}}</td></tr>
        {{/items}}
        </tbody>
        </table>
        {{/hasItems}}
        {{/main}}
        {{/layout}}
        """

    static let newSubmission = """
        {{<layout}}
        {{$title}}New submission{{/title}}
        {{$main}}
        <h1>New submission</h1>
        <p>Upload the study's protocol (YAML or JSON, up to 16 MiB). It is checked at once; you submit it to the board from its page.</p>
        <form method="post" action="/submissions" enctype="multipart/form-data" class="narrow">
        <input type="hidden" name="csrf" value="{{chrome.user.csrf}}">
        <p><label for="title">Study title</label>
        <input id="title" name="title" required maxlength="500"></p>
        <p><label for="file">Protocol file</label>
        <input id="file" name="file" type="file" required accept=".yaml,.yml,.json,application/json,text/yaml"></p>
        <p><button type="submit">Upload and check</button></p>
        </form>
        {{/main}}
        {{/layout}}
        """

    static let submission = """
        {{<layout}}
        {{$title}}{{title}}{{/title}}
        {{$main}}
        <p class="crumbs"><a href="/queue">Queue</a> › Submission {{id}}</p>
        <h1>{{title}}</h1>
        <dl class="facts">
        <dt>State</dt><dd>{{state}}{{#reviewPath}} ({{.}} review){{/reviewPath}}</dd>
        <dt>Submitter</dt><dd>{{submitter}}</dd>
        <dt>Version</dt><dd>v{{version.seq}} · {{version.filename}} · {{version.createdAt}}</dd>
        <dt>SHA-256</dt><dd><code>{{version.sha256}}</code></dd>
        {{#version.profile}}<dt>Profile</dt><dd>{{.}}</dd>{{/version.profile}}
        </dl>

        {{#inputError}}
        <section class="verdict-box v-fail" aria-labelledby="verdict-h">
        <h2 id="verdict-h">The protocol could not be checked</h2>
        <pre class="input-error">{{.}}</pre>
        <p>Upload a corrected file below.</p>
        </section>
        {{/inputError}}
        {{#verdict}}
        <section class="verdict-box v-{{verdictClass}}" aria-labelledby="verdict-h">
        <h2 id="verdict-h">Verdict: {{verdictLabel}}</h2>
        <p>{{verdictExplanation}}</p>
        <ul class="counts">{{#counts}}<li>{{label}}: <strong>{{count}}</strong></li>{{/counts}}</ul>
        </section>
        {{/verdict}}

        {{#actions.any}}
        <section aria-labelledby="actions-h" class="actions no-print">
        <h2 id="actions-h">What you can do now</h2>
        {{#actions.simple}}
        <form method="post" action="/submissions/{{id}}/actions/{{action}}" class="inline">
        <input type="hidden" name="csrf" value="{{chrome.user.csrf}}"><input type="hidden" name="revision" value="{{revision}}">
        <button type="submit"{{#danger}} class="danger"{{/danger}}>{{label}}</button>
        </form>
        {{/actions.simple}}
        {{#actions.accept}}
        <form method="post" action="/submissions/{{id}}/actions/accept" class="inline">
        <input type="hidden" name="csrf" value="{{chrome.user.csrf}}"><input type="hidden" name="revision" value="{{revision}}">
        <label for="path">Review path</label>
        <select id="path" name="path"><option value="convened">convened board</option><option value="expedited">expedited</option></select>
        <button type="submit">Accept for review</button>
        </form>
        {{/actions.accept}}
        {{#actions.determine}}<p><a class="button" href="/submissions/{{id}}/determination">Record a determination…</a></p>{{/actions.determine}}
        {{#actions.assign}}
        <form method="post" action="/submissions/{{id}}/assignments" class="inline">
        <input type="hidden" name="csrf" value="{{chrome.user.csrf}}">
        <label for="reviewer">Assign reviewer</label>
        <select id="reviewer" name="reviewer">{{#reviewerChoices}}<option value="{{login}}">{{name}}</option>{{/reviewerChoices}}</select>
        <label for="assign-kind">as</label>
        <select id="assign-kind" name="kind"><option value="primary">primary</option><option value="secondary">secondary</option><option value="designated">designated (expedited)</option></select>
        <button type="submit">Assign</button>
        </form>
        {{/actions.assign}}
        {{#actions.returnForm}}
        <form method="post" action="/submissions/{{id}}/return">
        <input type="hidden" name="csrf" value="{{chrome.user.csrf}}"><input type="hidden" name="revision" value="{{revision}}">
        <p><label for="stipulations">Return with stipulations (one per line; start a line with a rule id in brackets to anchor it, e.g. <code>[CP-FOLLOWUP-01] State the follow-up</code>)</label>
        <textarea id="stipulations" name="stipulations" rows="4" required></textarea></p>
        <p><button type="submit">Return to the submitter</button></p>
        </form>
        {{/actions.returnForm}}
        {{#actions.upload}}
        <form method="post" action="/submissions/{{id}}/versions" enctype="multipart/form-data" class="inline">
        <input type="hidden" name="csrf" value="{{chrome.user.csrf}}">
        <label for="file">New version (YAML or JSON)</label>
        <input id="file" name="file" type="file" required accept=".yaml,.yml,.json,application/json,text/yaml">
        <button type="submit">Upload</button>
        </form>
        {{/actions.upload}}
        </section>
        {{/actions.any}}

        {{#stipulations.any}}
        <section aria-labelledby="stip-h">
        <h2 id="stip-h">Stipulations</h2>
        <ol class="stipulations">
        {{#stipulations.items}}
        <li><p>{{#anchor}}<code>{{.}}</code> {{/anchor}}{{text}} <span class="status s-{{status}}">{{status}}</span></p>
        <p class="meta">raised by {{raisedBy}} on {{raisedAt}} against v{{versionSeq}}</p>
        {{#response}}<blockquote><p>{{.}}</p></blockquote>{{/response}}
        {{#canAddress}}
        <form method="post" action="/submissions/{{submissionId}}/stipulations/{{id}}/address" class="no-print">
        <input type="hidden" name="csrf" value="{{chrome.user.csrf}}">
        <p><label for="response-{{id}}">Your response</label><textarea id="response-{{id}}" name="response" rows="2" required></textarea></p>
        <p><button type="submit">Send response</button></p>
        </form>
        {{/canAddress}}
        {{#canResolve}}
        <form method="post" action="/submissions/{{submissionId}}/stipulations/{{id}}/resolve" class="inline no-print">
        <input type="hidden" name="csrf" value="{{chrome.user.csrf}}"><button type="submit">Mark resolved</button>
        </form>
        {{/canResolve}}
        </li>
        {{/stipulations.items}}
        </ol>
        </section>
        {{/stipulations.any}}

        {{#violations.any}}
        <section aria-labelledby="viol-h">
        <h2 id="viol-h">Violations ({{violations.count}})</h2>
        <table class="results">
        <thead><tr><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col">What is wrong</th><th scope="col">Where</th></tr></thead>
        <tbody>
        {{#violations.items}}<tr><td><code>{{rule}}</code><br>{{title}}</td><td>{{severity}}</td><td>{{message}}{{#remediation}}<br><span class="hint">Fix: {{.}}</span>{{/remediation}}{{#citation}}<br><span class="cite">{{.}}</span>{{/citation}}</td><td>{{where}}</td></tr>{{/violations.items}}
        </tbody>
        </table>
        </section>
        {{/violations.any}}

        {{#notStated.any}}
        <section aria-labelledby="ns-h">
        <h2 id="ns-h">Not stated ({{notStated.count}} fields)</h2>
        <p>The protocol does not say what these rules need; each field is listed once with the rules it leaves undecided.</p>
        <table class="results">
        <thead><tr><th scope="col">Field</th><th scope="col">Rules left undecided</th></tr></thead>
        <tbody>
        {{#notStated.items}}<tr><td><code>{{path}}</code>{{#reason}} <span class="hint">({{.}})</span>{{/reason}}</td><td>{{rules}}</td></tr>{{/notStated.items}}
        </tbody>
        </table>
        </section>
        {{/notStated.any}}

        {{#checklist.any}}
        <section aria-labelledby="check-h">
        <h2 id="check-h">Review checklist</h2>
        <p>Items the rules leave to a person. A signed attestation records the reviewer's judgement (21 CFR 11.50).</p>
        <ol class="checklist">
        {{#checklist.items}}
        <li><h3><code>{{rule}}</code> {{title}}</h3>
        <p>{{message}}</p>
        {{#attestations}}<p class="signed">{{outcome}}: “{{statement}}” — {{#signature}}{{printedName}}, {{signedAt}}, meaning: {{meaning}}{{^valid}} <strong class="invalid">SIGNATURE NO LONGER VALID</strong>{{/valid}}{{/signature}}</p>{{/attestations}}
        {{#canAttest}}
        <form method="post" action="/submissions/{{submissionId}}/attestations" class="no-print attest">
        <input type="hidden" name="csrf" value="{{chrome.user.csrf}}"><input type="hidden" name="rule" value="{{rule}}"><input type="hidden" name="kind" value="review_item">
        <fieldset><legend>Your judgement on {{rule}}</legend>
        <p><input type="radio" id="acc-{{index}}" name="outcome" value="accepted" required> <label for="acc-{{index}}">Accepted</label>
        <input type="radio" id="rej-{{index}}" name="outcome" value="rejected"> <label for="rej-{{index}}">Rejected</label></p>
        <p><label for="stmt-{{index}}">Statement</label><textarea id="stmt-{{index}}" name="statement" rows="2" required></textarea></p>
        <p><label for="pw-{{index}}">Your password (to sign)</label><input id="pw-{{index}}" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">Sign attestation</button></p>
        </fieldset>
        </form>
        {{/canAttest}}
        </li>
        {{/checklist.items}}
        </ol>
        </section>
        {{/checklist.any}}

        {{#determinations.any}}
        <section aria-labelledby="det-h">
        <h2 id="det-h">Determinations</h2>
        {{#determinations.items}}
        <article class="determination">
        <h3>{{kind}} on v{{versionSeq}}</h3>
        {{#basis}}<p>{{.}}</p>{{/basis}}
        {{#signature}}<p class="signed">Signed by {{printedName}}, {{signedAt}}, meaning: {{meaning}}{{^valid}} <strong class="invalid">SIGNATURE NO LONGER VALID</strong>{{/valid}}</p>{{/signature}}
        {{#conditions.any}}<h4>Conditions</h4><ul>{{#conditions.items}}<li>{{text}} <span class="status s-{{status}}">{{status}}</span>{{#canVerify}}
        <form method="post" action="/submissions/{{submissionId}}/conditions/{{id}}/verify" class="inline no-print"><input type="hidden" name="csrf" value="{{chrome.user.csrf}}"><button type="submit">Verify as met</button></form>{{/canVerify}}</li>{{/conditions.items}}</ul>{{/conditions.any}}
        {{#letterId}}<p><a href="/api/v1/submissions/{{submissionId}}/letters/{{.}}">Determination letter</a> (<a href="/api/v1/submissions/{{submissionId}}/letters/{{.}}?format=md">Markdown</a>)</p>{{/letterId}}
        </article>
        {{/determinations.items}}
        </section>
        {{/determinations.any}}

        <section aria-labelledby="comments-h">
        <h2 id="comments-h">Comments</h2>
        {{#comments.any}}<ul class="comments">{{#comments.items}}<li><p>{{#rule}}<code>{{.}}</code> {{/rule}}{{text}}</p><p class="meta">{{author}}, {{createdAt}}, v{{versionSeq}}</p></li>{{/comments.items}}</ul>{{/comments.any}}
        {{^comments.any}}<p class="empty">No comment yet.</p>{{/comments.any}}
        {{#actions.comment}}
        <form method="post" action="/submissions/{{id}}/comments" class="no-print">
        <input type="hidden" name="csrf" value="{{chrome.user.csrf}}">
        <p><label for="comment-rule">On rule (optional)</label>
        <select id="comment-rule" name="rule"><option value="">the whole submission</option>{{#ruleChoices}}<option value="{{.}}">{{.}}</option>{{/ruleChoices}}</select></p>
        <p><label for="comment-text">Comment</label><textarea id="comment-text" name="text" rows="3" required></textarea></p>
        <p><button type="submit">Add comment</button></p>
        </form>
        {{/actions.comment}}
        </section>

        <section aria-labelledby="versions-h">
        <h2 id="versions-h">Versions</h2>
        <table>
        <thead><tr><th scope="col">Version</th><th scope="col">File</th><th scope="col">Verdict</th><th scope="col">Uploaded</th><th scope="col">Documents</th></tr></thead>
        <tbody>
        {{#versions}}<tr><td>v{{seq}}</td><td>{{filename}}</td><td>{{verdictLabel}}</td><td>{{createdAt}}</td>
        <td><a href="/api/v1/submissions/{{submissionId}}/versions/{{seq}}/protocol">protocol</a>{{#hasReport}} · <a href="/api/v1/submissions/{{submissionId}}/versions/{{seq}}/report?format=html">report</a>{{/hasReport}}{{#previous}} · <a href="/submissions/{{submissionId}}/compare?from={{.}}&amp;to={{seq}}">compare with v{{.}}</a>{{/previous}}</td></tr>{{/versions}}
        </tbody>
        </table>
        {{#canSeeAudit}}<p class="no-print"><a href="/submissions/{{id}}/audit">Audit history of this submission</a></p>{{/canSeeAudit}}
        </section>

        {{#allResults.any}}
        <section aria-labelledby="full-h" class="full-report">
        <h2 id="full-h">Full report ({{allResults.count}} rules)</h2>
        <table class="results">
        <thead><tr><th scope="col">Rule</th><th scope="col">Status</th><th scope="col">Severity</th><th scope="col">Message</th></tr></thead>
        <tbody>
        {{#allResults.items}}<tr><td><code>{{rule}}</code> {{title}}</td><td><span class="status s-{{status}}">{{statusLabel}}</span></td><td>{{severity}}</td><td>{{message}}</td></tr>{{/allResults.items}}
        </tbody>
        </table>
        </section>
        {{/allResults.any}}
        {{/main}}
        {{/layout}}
        """

    static let compare = """
        {{<layout}}
        {{$title}}Compare versions · {{title}}{{/title}}
        {{$main}}
        <p class="crumbs"><a href="/queue">Queue</a> › <a href="/submissions/{{id}}">Submission {{id}}</a> › Compare</p>
        <h1>v{{fromSeq}} and v{{toSeq}} of “{{title}}”</h1>
        <form method="get" action="/submissions/{{id}}/compare" class="filters no-print">
        <p><label for="from">From</label><select id="from" name="from">{{#fromChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/fromChoices}}</select></p>
        <p><label for="to">To</label><select id="to" name="to">{{#toChoices}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/toChoices}}</select></p>
        <p><button type="submit">Compare</button></p>
        </form>
        <ul class="counts">{{#counts}}<li>{{label}}: <strong>{{count}}</strong></li>{{/counts}}</ul>
        {{#groups}}
        <section aria-labelledby="g-{{key}}">
        <h2 id="g-{{key}}">{{label}} ({{count}})</h2>
        <table class="side-by-side">
        <thead><tr><th scope="col">Rule</th><th scope="col">v{{fromSeq}}</th><th scope="col">v{{toSeq}}</th></tr></thead>
        <tbody>{{#entries}}<tr><td><code>{{rule}}</code> {{title}} <span class="hint">({{severity}})</span></td><td><span class="status s-{{beforeClass}}">{{before}}</span></td><td><span class="status s-{{afterClass}}">{{after}}</span></td></tr>{{/entries}}</tbody>
        </table>
        </section>
        {{/groups}}
        {{^groups}}<p class="empty">No result changed between these versions.</p>{{/groups}}
        {{/main}}
        {{/layout}}
        """

    static let determination = """
        {{<layout}}
        {{$title}}Determination · {{title}}{{/title}}
        {{$main}}
        <p class="crumbs"><a href="/queue">Queue</a> › <a href="/submissions/{{id}}">Submission {{id}}</a> › Determination</p>
        <h1>Determination on “{{title}}” (v{{versionSeq}}, {{verdictLabel}})</h1>
        <form method="get" action="/submissions/{{id}}/determination" class="narrow">
        <fieldset><legend>Determination</legend>
        {{#kinds}}<p><input type="radio" id="kind-{{value}}" name="kind" value="{{value}}"{{#selected}} checked{{/selected}} required> <label for="kind-{{value}}">{{label}}</label></p>{{/kinds}}
        </fieldset>
        <p><label for="basis">Basis (the reasons; required unless approved)</label><textarea id="basis" name="basis" rows="4">{{basis}}</textarea></p>
        <p><label for="conditions">Conditions (one per line; required for “modifications required”)</label><textarea id="conditions" name="conditions" rows="3">{{conditions}}</textarea></p>
        <p><button type="submit">Preview the letter</button></p>
        </form>
        {{#preview}}
        <section aria-labelledby="preview-h" class="preview">
        <h2 id="preview-h">Letter preview (not signed, not issued)</h2>
        <article class="letter-preview">{{{.}}}</article>
        </section>
        <form method="post" action="/submissions/{{id}}/determinations" class="narrow sign">
        <input type="hidden" name="csrf" value="{{chrome.user.csrf}}"><input type="hidden" name="revision" value="{{revision}}">
        <input type="hidden" name="kind" value="{{kind}}"><input type="hidden" name="basis" value="{{basis}}"><input type="hidden" name="conditions" value="{{conditions}}">
        <p>Signing records this determination with your printed name, the time and its meaning, and issues the letter.</p>
        <p><label for="password">Your password (to sign)</label><input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">Sign and issue</button></p>
        </form>
        {{/preview}}
        {{/main}}
        {{/layout}}
        """

    static let audit = """
        {{<layout}}
        {{$title}}Audit history · {{title}}{{/title}}
        {{$main}}
        <p class="crumbs"><a href="/queue">Queue</a> › <a href="/submissions/{{id}}">Submission {{id}}</a> › Audit history</p>
        <h1>Audit history of “{{title}}”</h1>
        <p>Every event about this submission and its records, oldest first. Each event's hash chains to the one before it in the board's trail; <code>stemcheck-server audit verify</code> recomputes the chain.</p>
        <table class="audit">
        <thead><tr><th scope="col">Event</th><th scope="col">Time (UTC)</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Record</th><th scope="col">Detail</th><th scope="col">Record digest</th></tr></thead>
        <tbody>
        {{#events}}<tr><td>{{seq}}</td><td>{{at}}</td><td>{{actorName}}</td><td>{{action}}</td><td>{{entity}} {{entityID}}</td><td>{{detail}}</td><td><code>{{shortDigest}}</code></td></tr>{{/events}}
        </tbody>
        </table>
        {{/main}}
        {{/layout}}
        """

    static let users = """
        {{<layout}}
        {{$title}}Users{{/title}}
        {{$main}}
        <h1>Users</h1>
        <p>Accounts are deactivated, never deleted; a login is never reused. Passwords are changed at the console (<code>stemcheck-server user passwd</code>).</p>
        <table>
        <thead><tr><th scope="col">Login</th><th scope="col">Printed name</th><th scope="col">Roles</th><th scope="col">Status</th><th scope="col">Change</th></tr></thead>
        <tbody>
        {{#users}}<tr><td>{{login}}</td><td>{{printedName}}</td><td>{{roles}}</td><td>{{status}}</td>
        <td><form method="post" action="/admin/users/{{login}}" class="inline">
        <input type="hidden" name="csrf" value="{{chrome.user.csrf}}">
        <label for="roles-{{login}}">Roles</label><input id="roles-{{login}}" name="roles" value="{{roles}}" size="24">
        <button type="submit" name="change" value="roles">Set roles</button>
        <button type="submit" name="change" value="{{toggle}}">{{toggleLabel}}</button>
        </form></td></tr>{{/users}}
        </tbody>
        </table>
        <h2>Add a user</h2>
        <form method="post" action="/admin/users" class="narrow">
        <input type="hidden" name="csrf" value="{{chrome.user.csrf}}">
        <p><label for="new-login">Login</label><input id="new-login" name="login" required pattern="[a-z0-9][a-z0-9._-]{1,63}"></p>
        <p><label for="new-name">Printed name (shown on signatures)</label><input id="new-name" name="name" required></p>
        <p><label for="new-email">E-mail</label><input id="new-email" name="email" type="email"></p>
        <p><label for="new-roles">Roles (comma-separated: {{roleNames}})</label><input id="new-roles" name="roles" required></p>
        <p><label for="new-password">Initial password (at least 12 characters)</label><input id="new-password" name="password" type="password" autocomplete="new-password" required></p>
        <p><button type="submit">Add user</button></p>
        </form>
        {{/main}}
        {{/layout}}
        """
}
