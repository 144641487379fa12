/// A UTC instant in whole seconds since 1970-01-01T00:00:00Z: the unit every table stores.
public typealias UnixSeconds = Int64
