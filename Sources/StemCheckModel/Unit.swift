/// A physical dimension: quantities compare only within one.
public enum Dimension: String, Sendable, Hashable {
    case time, percent, cells, cellsPerKilogram = "cells/kg", cellsPerMillilitre = "cells/mL",
         volume, mass, endotoxin = "EU", endotoxinPerKilogram = "EU/kg",
         endotoxinPerMillilitre = "EU/mL", endotoxinPerKilogramHour = "EU/kg/h",
         internationalUnits = "IU", internationalUnitsPerKilogram = "IU/kg", massPerKilogram = "mg/kg"
}

/// A unit of measure: its dimension and its size in the dimension's base unit.
public struct MeasureUnit: Sendable, Hashable {
    /// The canonical spelling (`months`, `mL`, `cells/kg`).
    public let symbol: String
    /// The dimension it measures.
    public let dimension: Dimension
    /// Size in the base unit (days, %, cells, mL, g, EU ...).
    public let factor: Double

    /// Looks a unit up: exact spelling first, then case-insensitively (SPEC 3.5).
    public static func named(_ name: String) -> MeasureUnit? {
        if let unit = table[name] { return unit }
        return foldedTable[name.lowercased()]
    }

    /// Every accepted spelling, for did-you-mean hints.
    public static var spellings: [String] { table.keys.sorted() }

    /// One canonical symbol per unit, for hints and documentation.
    public static var symbols: [String] { Array(Set(table.values.map(\.symbol))).sorted() }

    private static let year = 365.25

    private static let table: [String: MeasureUnit] = {
        var t: [String: MeasureUnit] = [:]
        func add(_ names: [String], _ dimension: Dimension, _ factor: Double) {
            let unit = MeasureUnit(symbol: names[0], dimension: dimension, factor: factor)
            for name in names { t[name] = unit }
        }
        add(["minutes", "minute", "min"], .time, 1.0 / 1440)
        add(["hours", "hour", "h", "hr", "hrs"], .time, 1.0 / 24)
        add(["days", "day", "d"], .time, 1)
        add(["weeks", "week", "wk", "wks"], .time, 7)
        add(["months", "month", "mo"], .time, year / 12)
        add(["years", "year", "yr", "yrs", "y"], .time, year)
        add(["%", "percent"], .percent, 1)
        add(["cells", "cell", "TNC", "viable cells", "MNC", "MSC", "MSCs", "CD34+ cells"], .cells, 1)
        add(["cells/kg", "cell/kg", "TNC/kg", "viable cells/kg", "MNC/kg", "MSC/kg", "MSCs/kg", "CD34+/kg", "CD34+ cells/kg"],
            .cellsPerKilogram, 1)
        add(["cells/mL", "cell/mL", "TNC/mL"], .cellsPerMillilitre, 1)
        add(["cells/L"], .cellsPerMillilitre, 0.001)
        add(["cells/uL", "cells/µL", "cells/μL"], .cellsPerMillilitre, 1000)
        add(["mL", "millilitres", "milliliters"], .volume, 1)
        add(["L", "litres", "liters"], .volume, 1000)
        add(["uL", "µL", "μL", "microlitres", "microliters"], .volume, 0.001)
        add(["kg"], .mass, 1000)
        add(["g"], .mass, 1)
        add(["mg"], .mass, 0.001)
        add(["ug", "µg", "μg", "mcg"], .mass, 1e-6)
        add(["EU"], .endotoxin, 1)
        add(["EU/kg"], .endotoxinPerKilogram, 1)
        add(["EU/mL", "EU/ml"], .endotoxinPerMillilitre, 1)
        add(["EU/kg/h", "EU/kg/hr", "EU/kg/hour"], .endotoxinPerKilogramHour, 1)
        // Co-treatments (erythropoietin, G-CSF, drugs) are dosed in these.
        add(["IU", "U"], .internationalUnits, 1)
        add(["IU/kg", "U/kg"], .internationalUnitsPerKilogram, 1)
        add(["mg/kg"], .massPerKilogram, 1)
        add(["ug/kg", "µg/kg", "μg/kg", "mcg/kg"], .massPerKilogram, 0.001)
        return t
    }()

    private static let foldedTable: [String: MeasureUnit] = {
        var t: [String: MeasureUnit] = [:]
        for (name, unit) in table {
            let folded = name.lowercased()
            // Ambiguous folds (none today) keep the first canonical symbol in sorted order.
            if let existing = t[folded], existing.symbol < unit.symbol { continue }
            t[folded] = unit
        }
        return t
    }()
}
