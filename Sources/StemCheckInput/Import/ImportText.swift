import StemCheckModel
/// Text conversions shared by the importers: HTML to plain text, partial dates, ages, countries.
enum ImportText {
    /// Plain text of a USDM narrative: tags removed, common entities decoded, whitespace collapsed.
    static func plain(_ html: String) -> String {
        var out = ""
        var inTag = false
        var tag = ""
        for ch in html {
            if inTag {
                if ch == ">" {
                    inTag = false
                    let name = tag.lowercased().split(whereSeparator: { $0 == " " || $0 == "/" }).first.map(String.init) ?? ""
                    if ["p", "li", "br", "ul", "ol", "div", "tr", "h1", "h2", "h3", "h4"].contains(name) { out += " " }
                    tag = ""
                } else {
                    tag.append(ch)
                }
            } else if ch == "<" {
                inTag = true
            } else {
                out.append(ch)
            }
        }
        for (entity, text) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&ge;", "≥"), ("&le;", "≤"), ("&amp;", "&")] {
            out = out.replacingAll(entity, with: text)
        }
        return collapse(decodeNumericEntities(out))
    }

    /// `&#174;` and `&#xAE;` as the characters they name.
    static func decodeNumericEntities(_ text: String) -> String {
        guard text.contains("&#") else { return text }
        var out = ""
        var rest = text[...]
        while let start = rest.range(of: "&#") {
            out += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let semicolon = after.prefix(8).firstIndex(of: ";") else {
                out += "&#"
                rest = after
                continue
            }
            let body = after[..<semicolon]
            let value = body.first == "x" || body.first == "X" ? UInt32(body.dropFirst(), radix: 16) : UInt32(body)
            if let value, let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "&#" + body + ";"
            }
            rest = after[after.index(after: semicolon)...]
        }
        return out + rest
    }

    /// Whitespace runs (including line breaks) become one space; ends trimmed.
    static func collapse(_ text: String) -> String {
        bytesCollapsed(text) ?? collapsedScalars(text)
    }

    /// `collapse` by the text's bytes, for text that is ASCII but for characters with a stand-in
    /// (`readsByBytes`), which are copied as they are (a registry record has dozens of short
    /// texts, and asking each scalar's Unicode properties cost about 2,000 instructions a text);
    /// nil for other text.
    static func bytesCollapsed(_ text: String) -> String? {
        guard readsByBytes(text) else { return nil }
        var text = text
        return text.withUTF8 { collapsed(bytes: $0) }
    }

    /// `collapse` of the bytes of text that `readsByBytes`. ASCII's white space is what
    /// Unicode's `White_Space` holds below 0x80.
    static func collapsed(bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var space = false
        for byte in bytes {
            if isASCIIWhitespace(byte) {
                space = true
            } else {
                if space, !out.isEmpty { out.append(UInt8(ascii: " ")) }
                space = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` may be cleaned by its bytes: each character beyond ASCII has a stand-in
    /// (`TextScreen.standIn`), so none is white space, is escapable or joins a neighbour into one
    /// character, and its bytes may be copied as they are.
    static func readsByBytes(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
            || text.unicodeScalars.allSatisfy { $0.isASCII || TextScreen.standIn($0) != nil }
    }

    /// Tab, line feed, vertical tab, form feed, carriage return and space.
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || (byte >= 0x09 && byte <= 0x0D)
    }

    /// `collapse`, scalar by scalar.
    static func collapsedScalars(_ text: String) -> String {
        var out = ""
        var space = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                space = true
            } else {
                if space, !out.isEmpty { out += " " }
                space = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An ISO date from a registry date: `2015-07-29` as is, `2015-08` as `2015-08-01`, `2015` as
    /// `2015-01-01`. The second value says whether the date was completed.
    static func isoDate(_ text: String) -> (date: String, completed: Bool)? {
        let parts = text.split(separator: "-")
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
              parts[0].count == 4 else { return nil }
        switch parts.count {
        case 3: return ISODate.parse(text) != nil ? (text, false) : nil
        case 2: return parts[1].count == 2 ? (text + "-01", true) : nil
        default: return (text + "-01-01", true)
        }
    }

    /// Years from an age such as `18 Years`, `6 Months`, `4 Weeks`, `30 Days`, `12 Hours`.
    static func years(value: Double, unit: String) -> Double? {
        let u = unit.lowercased()
        let factor: Double
        if u.hasPrefix("year") { factor = 1 }
        else if u.hasPrefix("month") { factor = 1.0 / 12 }
        else if u.hasPrefix("week") { factor = 7 / 365.25 }
        else if u.hasPrefix("day") { factor = 1 / 365.25 }
        else if u.hasPrefix("hour") { factor = 1 / (365.25 * 24) }
        else if u.hasPrefix("minute") { factor = 1 / (365.25 * 24 * 60) }
        else { return nil }
        return rounded(value * factor)
    }

    /// `18 Years` → 18.
    static func years(_ text: String) -> Double? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let value = Double(parts[0]) else { return nil }
        return years(value: value, unit: String(parts[1]))
    }

    /// Four decimals: enough for ages in years and free of binary noise.
    static func rounded(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }

    /// Whether `text` is an id as the schema spells one (`^[A-Za-z0-9][A-Za-z0-9_.-]*$`), told by
    /// its bytes: every such character is ASCII and a character of its own.
    static func isIdentifier(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        guard let first = utf8.next(), isAlphanumeric(first) else { return false }
        while let byte = utf8.next() {
            guard isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") else { return false }
        }
        return true
    }

    /// `[A-Za-z0-9]`, for a byte.
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || byte &- UInt8(ascii: "A") < 26 || byte &- UInt8(ascii: "a") < 26
    }

    /// ISO 3166-1 alpha-2 of a country name (ClinicalTrials.gov spelling) or alpha-3 code.
    static func countryCode(_ text: String) -> String? {
        countryCodes[text.lowercased()]
    }

    /// `countries` by each of their names and codes in lower case, the first country a key names
    /// winning (a registry record lists a country for each of its hundreds of sites).
    private static let countryCodes: [String: String] = {
        var codes: [String: String] = [:]
        for (alpha2, alpha3, names) in countries {
            for key in [alpha3.lowercased(), alpha2.lowercased()] + names where codes[key] == nil { codes[key] = alpha2 }
        }
        return codes
    }()

    /// EU Member States (alpha-2).
    static let euMemberStates: Set<String> = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
                                               "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]

    private static let countries: [(String, String, [String])] = [
        ("AR", "ARG", ["argentina"]), ("AU", "AUS", ["australia"]), ("AT", "AUT", ["austria"]),
        ("BE", "BEL", ["belgium"]), ("BR", "BRA", ["brazil"]), ("BG", "BGR", ["bulgaria"]),
        ("CA", "CAN", ["canada"]), ("CL", "CHL", ["chile"]), ("CN", "CHN", ["china"]),
        ("CO", "COL", ["colombia"]), ("HR", "HRV", ["croatia"]), ("CY", "CYP", ["cyprus"]),
        ("CZ", "CZE", ["czechia", "czech republic"]), ("DK", "DNK", ["denmark"]), ("EG", "EGY", ["egypt"]),
        ("EE", "EST", ["estonia"]), ("FI", "FIN", ["finland"]), ("FR", "FRA", ["france"]),
        ("DE", "DEU", ["germany"]), ("GR", "GRC", ["greece"]), ("HK", "HKG", ["hong kong"]),
        ("HU", "HUN", ["hungary"]), ("IS", "ISL", ["iceland"]), ("IN", "IND", ["india"]),
        ("ID", "IDN", ["indonesia"]), ("IR", "IRN", ["iran", "iran, islamic republic of"]), ("IE", "IRL", ["ireland"]),
        ("IL", "ISR", ["israel"]), ("IT", "ITA", ["italy"]), ("JP", "JPN", ["japan"]),
        ("JO", "JOR", ["jordan"]), ("KZ", "KAZ", ["kazakhstan"]), ("KR", "KOR", ["korea, republic of", "south korea", "republic of korea"]),
        ("LV", "LVA", ["latvia"]), ("LB", "LBN", ["lebanon"]), ("LT", "LTU", ["lithuania"]),
        ("LU", "LUX", ["luxembourg"]), ("MY", "MYS", ["malaysia"]), ("MT", "MLT", ["malta"]),
        ("MX", "MEX", ["mexico"]), ("NL", "NLD", ["netherlands"]), ("NZ", "NZL", ["new zealand"]),
        ("NO", "NOR", ["norway"]), ("PK", "PAK", ["pakistan"]), ("PE", "PER", ["peru"]),
        ("PH", "PHL", ["philippines"]), ("PL", "POL", ["poland"]), ("PT", "PRT", ["portugal"]),
        ("PR", "PRI", ["puerto rico"]), ("QA", "QAT", ["qatar"]), ("RO", "ROU", ["romania"]),
        ("RU", "RUS", ["russian federation", "russia"]), ("SA", "SAU", ["saudi arabia"]), ("RS", "SRB", ["serbia"]),
        ("SG", "SGP", ["singapore"]), ("SK", "SVK", ["slovakia"]), ("SI", "SVN", ["slovenia"]),
        ("ZA", "ZAF", ["south africa"]), ("ES", "ESP", ["spain"]), ("LK", "LKA", ["sri lanka"]),
        ("SE", "SWE", ["sweden"]), ("CH", "CHE", ["switzerland"]), ("TW", "TWN", ["taiwan"]),
        ("TH", "THA", ["thailand"]), ("TN", "TUN", ["tunisia"]), ("TR", "TUR", ["turkey", "türkiye"]),
        ("UA", "UKR", ["ukraine"]), ("AE", "ARE", ["united arab emirates"]),
        ("GB", "GBR", ["united kingdom", "united kingdom of great britain and northern ireland"]),
        ("US", "USA", ["united states", "united states of america"]), ("VN", "VNM", ["vietnam", "viet nam"]),
    ]
}
