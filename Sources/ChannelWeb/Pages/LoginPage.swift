/// The sign-in form.
public struct LoginPage: Sendable {
    public enum Failure: Sendable {
        case wrongCredentials
        case throttled
    }

    public var userID: String
    /// Where to go once signed in (a local path only; see `safeNext`).
    public var next: String
    public var failure: Failure?

    public init(userID: String = "", next: String = "/", failure: Failure? = nil) {
        self.userID = userID
        self.next = LoginPage.safeNext(next)
        self.failure = failure
    }

    /// A local path to return to after signing in; anything else (another site, `//host`) becomes `/`.
    public static func safeNext(_ next: String) -> String {
        next.hasPrefix("/") && !next.hasPrefix("//") && !next.contains("\\") ? next : "/"
    }

    public func model(_ language: Language) -> [String: Any] {
        var model: [String: Any] = ["userID": userID, "next": next]
        switch failure {
        case .wrongCredentials: model["error"] = UIText.text("signInFailed", language)
        case .throttled: model["error"] = UIText.text("signInThrottled", language)
        case nil: break
        }
        return model
    }

    static let template = """
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
}
