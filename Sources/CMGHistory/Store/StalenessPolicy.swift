/// How long a status snapshot may be trusted without a newer one.
public enum StalenessPolicy {
    /// DESIGN §4: a snapshot holds until the next one of its gateway, but never longer than
    /// 15 minutes by default; ConfigMgr polls CMG status every few minutes, so three missed polls
    /// in a row mean we no longer know.
    public static let defaultLimitSeconds: Int64 = 15 * 60
}
