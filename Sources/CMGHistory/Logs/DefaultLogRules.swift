/// The rule file shipped inside the binary, so that a `cmg-history` copied alone to a server
/// classifies CMG logs the same way. `cmg-history logs rules` prints it; users extend it with
/// `--rules FILE` (a rule with the same name replaces the default one).
///
/// Sources of the message shapes: DESIGN §3.3 and the samples in `shared/samples/real-logs`
/// (Microsoft Docs troubleshooting articles and release notes).
public enum DefaultLogRules {
    /// The shipped rules, in the rule-file format users extend.
    public static let text = #"""
# CMG History default log rules.
# One block per rule: [name], then key = value lines. See README, "Log rules".

# CloudMgr.log, classic cloud service CMG: "Deployment instance status for service X is ReadyRole."
# (also BusyRole, RestartingRole, StoppedRole …)
[role_instance_state]
kind = role_instance_state
severity = info
contains = Deployment instance status for service
match = Deployment instance status for service (?<gateway>\S+?) is (?<state>[A-Za-z]+)Role\b

# CloudMgr.log: a deployment (create, upgrade, redeploy) starts.
[deployment_start]
kind = deployment_started
severity = info
contains = Starting to Deploy Service
match = Starting to Deploy Service(?: (?<gateway>[^\s.]\S*?))?\.?\s*$

# CloudMgr.log: "TaskManager: Task [Deployment Maintenance for service X] status is Faulted"
[maintenance_task_faulted]
kind = maintenance_task_faulted
severity = error
contains = ] status is Faulted
match = Task \[(?<task>[^\]]*?)(?: for service (?<gateway>[^\]]+))?\] status is Faulted

# CloudMgr.log: "ERROR: TaskManager: Task [...] has failed. Exception …"
[maintenance_task_failed]
kind = maintenance_task_failed
severity = error
contains = ] has failed
match = Task \[(?<task>[^\]]*?)(?: for service (?<gateway>[^\]]+))?\] has failed\.?(?: Exception (?<exception>[\w.]+))?

# CloudMgr.log: "TaskManager: Scheduling task [...] for retry." (maintenance retries about every 20 minutes)
[maintenance_task_retry]
kind = maintenance_task_retry
severity = warning
contains = for retry
match = Scheduling task \[(?<task>[^\]]*?)(?: for service (?<gateway>[^\]]+))?\] for retry

# CloudMgr.log and status messages: the server certificate has expired (status message 9425).
[certificate_expired]
kind = certificate_expired
severity = error
contains = is in expired state
contains = 9425
match = (?i)(?:\b9425\b|is in expired state)

# SMS_Cloud_ProxyConnector.log: the management point wants a client certificate (HTTP 403).
[proxy_client_certificate_required]
kind = proxy_connector_error
severity = error
contains = CMGConnector_Clientcertificaterequired
match = (?<reason>CMGConnector_Clientcertificaterequired)

# SMS_Cloud_ProxyConnector.log: forbidden (HTTP 403).
[proxy_forbidden]
kind = proxy_connector_error
severity = error
contains = CMGConnector_Forbidden
contains = (403) Forbidden
match = (?<reason>CMGConnector_Forbidden|\(403\) Forbidden)

# The CMG service refused a client's token (HTTP 401).
[proxy_invalid_token]
kind = proxy_connector_error
severity = error
contains = CMGService_Invalid_Token
match = (?<reason>CMGService_Invalid_Token)

# Any entry written as an error (CMTrace type 3; in server-format logs, a line that says error or fail).
[error]
kind = error
min_severity = error
"""#
}
