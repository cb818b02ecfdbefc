import ChannelWeb
import Foundation
import HTTPTypes
import Hummingbird

/// The HTTP side of pages: language, HTML and download responses, redirects, form bodies.
enum WebResponse {
    static let languageCookie = "qudao_lang"

    /// `?lang=` first, then the cookie, then Chinese.
    static func language(_ request: Request) -> Language {
        if let code = request.uri.queryParameters["lang"], let language = Language(code: String(code)) { return language }
        if let code = Authenticator.cookie(languageCookie, in: request.headers[.cookie]), let language = Language(code: code) {
            return language
        }
        return .chinese
    }

    /// The request's query parameters as pairs, sorted by name (repeated names keep their order).
    static func query(_ request: Request) -> [(String, String)] {
        request.uri.queryParameters.map { (String($0.key), String($0.value)) }.enumerated()
            .sorted { $0.element.0 == $1.element.0 ? $0.offset < $1.offset : $0.element.0 < $1.element.0 }.map(\.element)
    }

    /// The request's path and query without `lang`, to come back to after signing in.
    static func pathAndQuery(_ request: Request) -> String {
        PageLink.href(request.uri.path, query(request).filter { $0.0 != "lang" })
    }

    static let securityPolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"

    /// An HTML page; remembers the language in a cookie.
    static func page(_ html: String, _ language: Language) -> Response {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store", .contentSecurityPolicy: securityPolicy,
        ]
        headers.append(HTTPField(name: .setCookie, value: languageCookieValue(language)))
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A file to save (`Content-Disposition: attachment`), named in ASCII and in UTF-8 (RFC 6266).
    static func download(_ bytes: [UInt8], type: String, filename: String) -> Response {
        let ascii = String(filename.unicodeScalars.map { $0.isASCII && $0 != "\"" ? Character($0) : "_" })
        return Response(
            status: .ok,
            headers: [
                .contentType: type, .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(PageLink.encode(filename))",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func languageCookieValue(_ language: Language) -> String {
        "\(languageCookie)=\(language.rawValue); Path=/; SameSite=Lax; Max-Age=31536000"
    }

    static func redirect(to location: String, _ language: Language) -> Response {
        var headers: HTTPFields = [.location: location]
        headers.append(HTTPField(name: .setCookie, value: languageCookieValue(language)))
        return Response(status: .seeOther, headers: headers)
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A URL-encoded form body (at most 64 KiB).
    static func form<Form: Decodable>(_ type: Form.Type, _ request: Request) async throws -> Form {
        let buffer = try await request.body.collect(upTo: 64 << 10)
        do {
            return try URLEncodedFormDecoder().decode(type, from: String(buffer: buffer))
        } catch {
            throw APIError.invalid("the form could not be read: \(error)")
        }
    }
}

extension HTTPField.Name {
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy") ?? .via
}
