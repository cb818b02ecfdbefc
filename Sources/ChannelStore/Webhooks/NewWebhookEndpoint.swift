import ChannelCore
import Foundation

/// What creating a webhook endpoint takes, checked: a name, an http(s) URL, the kinds of events, and the secret.
public struct NewWebhookEndpoint: Sendable {
    /// The longest name accepted, in characters.
    public static let maximumNameLength = 100

    public var name: String
    public var url: String
    public var events: [WebhookEventKind]
    public var secret: WebhookSecret

    /// Checks every field and names the ones that are wrong.
    ///
    /// - Parameters:
    ///   - name: A name for people; nil or empty: the URL's host.
    ///   - url: An absolute `http` or `https` URL (``WebhookEndpoint/checkURL(_:)``).
    ///   - events: Event kinds such as `alert.raised`; empty: every kind.
    ///   - secret: The signing secret (``WebhookSecret``).
    /// - Throws: ``WebhookFieldErrors`` with one entry per wrong field.
    public init(name: String?, url: String, events: [String], secret: String) throws(WebhookFieldErrors) {
        var problems: [WebhookFieldErrors.Problem] = []
        var checkedURL = url
        do { checkedURL = try WebhookEndpoint.checkURL(url) } catch { problems.append(.init(field: "url", value: url, reason: error.reason)) }
        var kinds = Set<WebhookEventKind>()
        for event in events {
            do { kinds.insert(try WebhookEventKind(parsing: event)) } catch {
                problems.append(.init(field: "events", value: event, reason: error.reason))
            }
        }
        var checkedSecret: WebhookSecret?
        do { checkedSecret = try WebhookSecret(secret) } catch { problems.append(.init(field: "secret", value: nil, reason: error.reason)) }
        let trimmed = (name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count > Self.maximumNameLength {
            problems.append(.init(field: "name", value: nil, reason: "is longer than \(Self.maximumNameLength) characters"))
        }
        guard problems.isEmpty, let checkedSecret else { throw WebhookFieldErrors(problems: problems) }
        self.name = trimmed.isEmpty ? WebhookEndpoint.host(of: checkedURL) : trimmed
        self.url = checkedURL
        self.events = events.isEmpty ? WebhookEventKind.allCases : WebhookEventKind.allCases.filter(kinds.contains)
        self.secret = checkedSecret
    }
}

/// Why a new webhook endpoint was refused: each wrong field, its value (never the secret's) and the reason.
public struct WebhookFieldErrors: Error, Sendable, Equatable, CustomStringConvertible {
    /// One wrong field.
    public struct Problem: Sendable, Equatable {
        public var field: String
        /// The value as given; nil for the secret, which is never repeated.
        public var value: String?
        public var reason: String

        public init(field: String, value: String?, reason: String) {
            self.field = field
            self.value = value
            self.reason = reason
        }
    }

    public var problems: [Problem]

    public init(problems: [Problem]) { self.problems = problems }

    /// `url `ftp://x` has the scheme ftp; ...`, one clause per problem.
    public var description: String {
        problems.map { problem in
            "\(problem.field)\(problem.value.map { " `\($0)`" } ?? "") \(problem.reason)"
        }.joined(separator: "; ")
    }
}
