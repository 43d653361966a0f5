# Build the Windows one-folder bundle: dist\ReviewDesk\{ReviewDesk.exe, reviewdesk-cli.exe, _internal\}
# and its zip. Run on 64-bit Windows 10 1809+ with 64-bit Python 3.11 and git, from the checkout:
#   powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
# With -Wheelhouse DIR, everything is installed from a wheelhouse (packaging/make-wheelhouse.sh) offline.
param([string]$Wheelhouse = "")
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent (Split-Path -Parent $MyInvocation.MyCommand.Path))
$build = "build\packaging"
$env:REVIEWDESK_BUILD = (Join-Path (Get-Location) $build)
Remove-Item -Recurse -Force $build, "dist\ReviewDesk" -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force "$build\source" | Out-Null

py -3.11 -m venv build\venv
$py = "build\venv\Scripts\python.exe"
if ($Wheelhouse) {
    & $py -m pip install --no-index --find-links "$Wheelhouse\wheels" --require-hashes -r "$Wheelhouse\requirements.txt"
    & $py -m pip install --no-index --find-links "$Wheelhouse\wheels" pyinstaller
} else {
    & $py -m pip install --require-hashes -r packaging\requirements-win-amd64-py311.txt
    & $py -m pip install "pyinstaller>=6.10"
}
& $py -m pip install --no-deps -e .
if ($LASTEXITCODE -ne 0) { throw "installing the build environment failed" }

$version = & $py -c "from app import __version__; print(__version__)"
& $py packaging\make_icon.py --png "$build\reviewdesk.png" --ico "$build\reviewdesk.ico"
& $py packaging\version_info.py "$build\version-ReviewDesk.txt" ReviewDesk.exe
& $py packaging\version_info.py "$build\version-reviewdesk-cli.txt" reviewdesk-cli.exe
git archive --format=tar.gz --prefix="reviewdesk-$version/" -o "$build\source\reviewdesk-$version-source.tar.gz" HEAD

# msvc-runtime put current VC++ DLLs (msvcp140.dll …) into the venv: on PATH first, PyInstaller
# collects these rather than older copies, and onnxruntime loads.
$env:PATH = (Resolve-Path build\venv).Path + ";" + $env:PATH
& $py -m PyInstaller --noconfirm --clean --log-level WARN --workpath "$build\work" --distpath dist packaging\reviewdesk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

& dist\ReviewDesk\reviewdesk-cli.exe --version
if ($LASTEXITCODE -ne 0) { throw "the bundle does not start" }
Compress-Archive -Force -Path dist\ReviewDesk -DestinationPath "dist\ReviewDesk-$version-win64.zip"
Write-Host "built dist\ReviewDesk-$version-win64.zip"
