extension Int64 {
    /// `self / divisor` rounded toward negative infinity, for a positive divisor: the day, hour
    /// or second an instant before 1970 falls in. Never overflows (quotient and remainder, not
    /// `self - divisor + 1`), whatever a damaged value holds.
    func floorDivided(by divisor: Int64) -> Int64 {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
