# CMG History collector: exports what ConfigMgr knows about its Cloud Management Gateways and
# imports it. Windows PowerShell 5.1 or PowerShell 7, on a machine with the ConfigMgr console
# (module ConfigurationManager) and the SqlServer module (Invoke-Sqlcmd).
# Every time it writes carries its zone, or is UTC by contract (ExportedAt), except
# BGB_Statistics.TimeStamp, the site server's local time: --source-tz names that zone.
# With -Server it posts the files to a CMG History server (cmg-history serve) instead of
# importing them here: -Server https://cmg-history.contoso.com -TokenFile C:\CMGHistory\ingest.token
param(
    [string]$Server,
    [string]$TokenFile = 'C:\CMGHistory\ingest.token',
    [int]$Attempts = 5
)
$ErrorActionPreference = 'Stop'
Import-Module ConfigurationManager
Import-Module SqlServer
$out  = 'C:\CMGHistory'
$site = 'PS1'
$sql  = @{ ServerInstance = 'CMSQL'; Database = "CM_$site" }
function Utc($time) { if ($time) { $time.ToUniversalTime().ToString('o') } }

Set-Location "$($site):"
$now = [DateTime]::UtcNow
Get-CMCloudManagementGateway | Select-Object *, @{n='ExportedAt';e={$now}} |
    ConvertTo-Json | Out-File "$out\cmg.json"
Get-CimInstance -Namespace "root\SMS\site_$site" -ClassName SMS_AzureServicesTask |
    Select-Object TaskID, AzureServiceId, SiteCode, TaskTypeId, TaskStateId,
        @{n='TaskCreationTime';e={Utc $_.TaskCreationTime}}, @{n='TaskEndTime';e={Utc $_.TaskEndTime}} |
    Export-Csv "$out\tasks.csv" -Encoding UTF8
Invoke-Sqlcmd @sql -Query "SELECT ServerName, ProxyServiceName, ConnectionStatus, CONVERT(varchar(27), SYSUTCDATETIME(), 126) + 'Z' AS ExportedAt FROM vProxy_Connectors" |
    Export-Csv "$out\cp.csv" -NoTypeInformation -Encoding UTF8
Invoke-Sqlcmd @sql -Query "SELECT CONVERT(varchar(23), TimeStamp, 126) AS TimeStamp, CMGOnlineClients, InternetOnlineClients, IntranetOnlineClients FROM BGB_Statistics WHERE TimeStamp > DATEADD(hour, -2, GETDATE())" |
    Export-Csv "$out\bgb.csv" -NoTypeInformation -Encoding UTF8
Set-Location $out
if ($Server) {
    # The server never answers "100 Continue": without this, Windows PowerShell waits before each body.
    [System.Net.ServicePointManager]::Expect100Continue = $false
    # Windows PowerShell on an old .NET may offer TLS 1.0 only; SystemDefault (0) already has 1.2 and 1.3.
    if ([int][System.Net.ServicePointManager]::SecurityProtocol -ne 0) {
        [System.Net.ServicePointManager]::SecurityProtocol = [System.Net.ServicePointManager]::SecurityProtocol -bor [System.Net.SecurityProtocolType]::Tls12
    }
    $Server = $Server.TrimEnd('/')
    if ($Server -notmatch '^https://' -and $Server -notmatch '^http://(localhost|127\.0\.0\.1|\[::1\])(:|$)') {
        Write-Warning "the token goes to $Server in clear text: put the server behind TLS"
    }
    $headers = @{ Authorization = 'Bearer ' + (Get-Content -Raw $TokenFile).Trim() }
    $failed = 0
    foreach ($name in 'cmg.json', 'tasks.csv', 'cp.csv', 'bgb.csv') {
        $uri = "$Server/api/v1/ingest?file=$name&source_tz=Europe/Berlin&gateway=GraniteFalls.contoso.com"
        for ($attempt = 1; ; $attempt++) {
            try {
                # Posting a file again stores nothing twice, so a lost answer is safe to retry.
                $summary = Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -InFile "$out\$name" `
                    -ContentType 'application/octet-stream' -TimeoutSec 600
                Write-Output "${name}: $($summary.inserted) inserted, $($summary.duplicates) duplicates"
                break
            } catch {
                $status = $_.Exception.Response.StatusCode.value__
                # No status: the server was not reached. 4xx but 408 and 429 will not change by retrying
                # (401/403 the token, 413 too large, 422 lines rejected while the rest were stored).
                $final = $status -and $status -lt 500 -and $status -ne 408 -and $status -ne 429
                if ($final -or $attempt -ge $Attempts) {
                    Write-Warning "${name}: HTTP $status $($_.ErrorDetails.Message) $($_.Exception.Message)"
                    $failed++
                    break
                }
                Start-Sleep -Seconds ([Math]::Min(300, 15 * [Math]::Pow(2, $attempt - 1)))
            }
        }
    }
    exit $failed
}
& "$out\cmg-history.exe" ingest --db "$out\cmg-history.sqlite" --source-tz Europe/Berlin --gateway GraniteFalls.contoso.com `
    "$out\cmg.json" "$out\tasks.csv" "$out\cp.csv" "$out\bgb.csv"
exit $LASTEXITCODE
