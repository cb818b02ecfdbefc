/// The Mustache templates, kept in the binary (one self-contained `qudao`, no resource folder to deploy): the layout,
/// the shared partials and message pages here, each page's own template as `template` in its page type.
/// `{{x}}` escapes HTML; `{{{x}}}` is used only for markup Qudao built itself (page bodies, SVG charts).
enum PageTemplates {
    static let all: [String: String] = [
        "layout": layout,
        "table": table,
        "notFound": notFound,
        "forbidden": forbidden,
        "login": LoginPage.template,
        "dashboard": DashboardPage.template,
        "explorer": ExplorerPage.template,
        "orders": OrderListPage.template,
        "order": OrderPage.template,
        "partners": PartnerListPage.template,
        "partner": PartnerPage.template,
        "inventory": InventoryPage.template,
        "planning": PlanningPage.template,
        "alerts": AlertsPage.template,
        "alert": AlertPage.template,
        "imports": ImportPage.template,
        "importPreview": ImportPreviewPage.template,
        "importJob": ImportJobPage.template,
        "admin": AdminPage.template,
    ]

    static let layout = """
        <!doctype html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{t.siteName}}</title>
        <link rel="stylesheet" href="/assets/qudao.css">
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
        </head>
        <body>
        <a class="skip" href="#main">{{t.skip}}</a>
        <header class="top">
          <a class="brand" href="/"><span class="mark" aria-hidden="true">渠</span>{{t.product}}<small>{{t.tagline}}</small></a>
          {{#users}}
          <nav aria-label="{{t.mainNav}}"><ul>{{#nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/nav}}</ul></nav>
          {{/users}}
          <div class="tools">
            <a class="lang" href="{{switchHref}}" hreflang="{{switchCode}}" lang="{{switchCode}}">{{switchLabel}}</a>
            {{#users}}
            <span class="who">{{displayName}}</span>
            <form method="post" action="/logout"><input type="hidden" name="csrf_token" value="{{csrfToken}}"><button type="submit">{{t.signOut}}</button></form>
            {{/users}}
          </div>
        </header>
        <main id="main">
        {{{body}}}
        </main>
        <footer><p>{{t.siteName}} · {{t.tagline}}</p></footer>
        </body>
        </html>
        """



    static let notFound = """
        <h1>{{t.notFound}}</h1>
        <p>{{t.notFoundText}}</p>
        <p><a href="/">{{t.backHome}}</a></p>
        """

    static let forbidden = """
        <h1>{{t.forbidden}}</h1>
        <p>{{t.forbiddenText}}</p>
        <p><a href="/">{{t.backHome}}</a></p>
        """

    /// A `TableView`: scrolls inside its own container on a narrow screen; links where a cell has one; a pager.
    static let table = """
        <div class="table-wrap" role="region" aria-label="{{caption}}" tabindex="0">
        <table>
        <caption>{{caption}}</caption>
        <thead><tr>{{#headers}}<th scope="col"{{#numeric}} class="num"{{/numeric}}>{{label}}</th>{{/headers}}</tr></thead>
        <tbody>
        {{#rows}}<tr>{{#cells}}<td{{#numeric}} class="num"{{/numeric}}>{{#href}}<a href="{{href}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}</td>{{/cells}}</tr>
        {{/rows}}
        {{^rows}}<tr><td colspan="{{width}}">{{t.noRows}}</td></tr>{{/rows}}
        </tbody>
        </table>
        </div>
        {{#note}}<p class="note">{{note}}</p>{{/note}}
        {{#next}}<p class="pager"><a href="{{next}}" rel="next">{{t.nextPage}}</a></p>{{/next}}
        """
}
