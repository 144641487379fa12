/// `db check` for people: each check and what it looked at, then the problems found.
public enum StoreCheckText {
    /// The steps, then `No problems found.` or the problems and how to salvage the file.
    public static func render(_ check: StoreCheck) -> String {
        var out = "Checked \(check.path):\n"
        for step in check.steps { out += "  \(step.check): \(step.looked)\n" }
        if check.isClean { return out + "No problems found.\n" }
        out += "\n\(check.problems.count) problem\(check.problems.count == 1 ? "" : "s") found:\n"
        for problem in check.problems { out += "  \(problem.check): \(problem.problem)\n" }
        return out + "\nTo salvage what the file still holds: cmg-history db recover NEW.sqlite --db \(check.path)\n"
    }
}
