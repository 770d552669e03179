import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// A submitted HTML form: its text fields and at most one uploaded file. Read from
/// `application/x-www-form-urlencoded` or `multipart/form-data` (MultipartKit's parser).
struct FormData: Sendable {
    /// An uploaded file: the name the browser sent and the bytes.
    struct File: Sendable {
        var filename: String
        var bytes: [UInt8]
    }

    var fields: [String: String] = [:]
    var file: File?

    /// A field's value, trimmed; nil when absent or blank.
    subscript(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// A required field, or 400 naming it.
    func required(_ name: String, _ label: String) throws -> String {
        guard let value = self[name] else {
            throw ServiceError.badRequest("\(label) is empty", hint: "fill in '\(label)' and send the form again")
        }
        return value
    }

    /// Reads the request body as a form (up to 16 MiB, the protocol limit, plus the form's fields).
    static func read(_ request: inout Request) async throws -> FormData {
        let type = request.headers[.contentType] ?? ""
        let buffer = try await request.collectBody(upTo: (16 << 20) + (64 << 10))
        if type.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = parameter("boundary", of: type) else {
                throw ServiceError.badRequest("the multipart form has no boundary")
            }
            return try multipart(buffer, boundary: boundary)
        }
        return urlEncoded(String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    /// `a=1&b=x+y` → fields (a later duplicate wins).
    static func urlEncoded(_ text: String) -> FormData {
        var form = FormData()
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            form.fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return form
    }

    static func multipart(_ buffer: ByteBuffer, boundary: String) throws -> FormData {
        var parts: [(headers: [(String, String)], body: [UInt8])] = []
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { chunk in body += chunk.readableBytesView }
        parser.onPartComplete = {
            parts.append((headers, body))
            headers = []
            body = []
        }
        do {
            try parser.execute(buffer)
        } catch {
            throw ServiceError.badRequest("the form's multipart body could not be read", hint: "send the form from the page again")
        }
        var form = FormData()
        for part in parts {
            guard let disposition = part.headers.first(where: { $0.0.lowercased() == "content-disposition" })?.1,
                  let name = parameter("name", of: disposition) else { continue }
            if let filename = parameter("filename", of: disposition) {
                if !filename.isEmpty || !part.body.isEmpty { form.file = File(filename: filename, bytes: part.body) }
            } else {
                form.fields[name] = String(decoding: part.body, as: UTF8.self)
            }
        }
        return form
    }

    /// A parameter of a header value: `boundary` of `multipart/form-data; boundary=x`,
    /// `filename` of `form-data; name="file"; filename="a.yaml"`.
    static func parameter(_ name: String, of header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let kv = piece.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = kv[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            return value
        }
        return nil
    }
}
