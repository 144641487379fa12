# CMG History collector: exports what ConfigMgr knows about its Cloud Management Gateways and
# imports it. Windows PowerShell 5.1 or PowerShell 7, on a machine with the ConfigMgr console
# (module ConfigurationManager) and the SqlServer module (Invoke-Sqlcmd).
# Every time it writes carries its zone, or is UTC by contract (ExportedAt), except
# BGB_Statistics.TimeStamp, the site server's local time: --source-tz names that zone.
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
& "$out\cmg-history.exe" ingest --db "$out\cmg-history.sqlite" --source-tz Europe/Berlin --gateway GraniteFalls.contoso.com `
    "$out\cmg.json" "$out\tasks.csv" "$out\cp.csv" "$out\bgb.csv"
exit $LASTEXITCODE
