/// A form posted by a signed-in page: it carries the session's CSRF token.
protocol CSRFProtectedForm: Decodable {
    var csrfToken: String? { get }
}
