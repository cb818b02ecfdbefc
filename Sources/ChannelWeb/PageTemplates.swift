/// The Mustache templates of the pages, kept in the binary (one self-contained `qudao`, no resource folder to
/// deploy). `{{x}}` escapes HTML; `{{{x}}}` is used only for markup Qudao built itself (page bodies, SVG charts).
enum PageTemplates {
    static let all: [String: String] = [
        "layout": layout,
        "login": login,
        "dashboard": dashboard,
        "notFound": notFound,
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

    static let login = """
        <section class="login" aria-labelledby="login-title">
          <h1 id="login-title">{{t.signInTitle}}</h1>
          {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
          <form method="post" action="/login">
            <input type="hidden" name="next" value="{{next}}">
            <label for="user_id">{{t.userID}}</label>
            <input id="user_id" name="user_id" autocomplete="username" required value="{{userID}}" autofocus>
            <label for="password">{{t.password}}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">{{t.signIn}}</button>
          </form>
        </section>
        """

    static let dashboard = """
        <h1>{{t.dashboard}}</h1>
        <p class="period">{{t.period}}: <time datetime="{{from}}">{{from}}</time> – <time datetime="{{to}}">{{to}}</time> · {{t.comparedWith}}</p>
        {{#scoped}}<p class="note">{{t.scopeNote}}</p>{{/scoped}}
        <section class="tiles" aria-label="KPI">
        {{#tiles}}
          <article class="tile">
            <h2>{{label}}</h2>
            <p class="value">{{value}}</p>
            <p class="change {{direction}}"><span aria-hidden="true">{{arrow}}</span> {{change}} <span class="previous">({{previous}})</span></p>
          </article>
        {{/tiles}}
        </section>
        <section class="panel" aria-labelledby="trend-title">
          <h2 id="trend-title">{{t.trendTitle}}</h2>
          {{{trend}}}
        </section>
        <div class="columns">
          <section class="panel" aria-labelledby="map-title">
            <h2 id="map-title">{{mapTitle}}</h2>
            <form method="get" action="/" class="inline">
              <input type="hidden" name="lang" value="{{lang}}">
              <label for="map-measure">{{t.mapMeasure}}</label>
              <select id="map-measure" name="map">{{#mapChoices}}<option value="{{code}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/mapChoices}}</select>
              <button type="submit">{{t.show}}</button>
            </form>
            {{{map}}}
          </section>
          <section class="panel" aria-labelledby="top-title">
            <h2 id="top-title">{{t.topPartners}}</h2>
            {{{top}}}
            <h2>{{t.bottomPartners}}</h2>
            {{{bottom}}}
          </section>
        </div>
        """

    static let notFound = """
        <h1>{{t.notFound}}</h1>
        <p>{{t.notFoundText}}</p>
        <p><a href="/">{{t.backHome}}</a></p>
        """
}
