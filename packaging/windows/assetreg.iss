; Inno Setup script for AssetReg's Windows installer.
; build.py runs it on Windows when Inno Setup 6 is installed (iscc on PATH, or in Program Files):
;   iscc /DAppVersion=0.1.0 packaging\windows\assetreg.iss
; Input: dist\AssetReg\ from the PyInstaller build. Output: dist\AssetReg-<version>-windows-x64-setup.exe

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{5B0C9D0E-4C1E-4B7A-9E3A-8E2A61C0A5F1}
AppName=AssetReg
AppVersion={#AppVersion}
AppVerName=AssetReg {#AppVersion}
AppPublisher=AssetReg contributors
DefaultDirName={autopf}\AssetReg
DefaultGroupName=AssetReg
DisableProgramGroupPage=yes
; No administrator rights needed: the user may choose to install for themself only.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\..\LICENSE
InfoBeforeFile=..\bundle-README.txt
SetupIconFile=..\icons\assetreg.ico
UninstallDisplayIcon={app}\AssetReg.exe
OutputDir=..\..\dist
OutputBaseFilename=AssetReg-{#AppVersion}-windows-x64-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "associate"; Description: "Open .assetreg register files with AssetReg"; GroupDescription: "Files:"

[Files]
; The whole one-folder build, licences (LICENSES\, README.txt) included. Qt stays as separate DLLs.
Source: "..\..\dist\AssetReg\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\AssetReg"; Filename: "{app}\AssetReg.exe"
Name: "{group}\AssetReg demo register"; Filename: "{app}\AssetReg.exe"; Parameters: "--demo"
Name: "{group}\Licences"; Filename: "{app}\LICENSES\THIRD-PARTY.txt"
Name: "{group}\{cm:UninstallProgram,AssetReg}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\AssetReg"; Filename: "{app}\AssetReg.exe"; Tasks: desktopicon

[Registry]
Root: HKA; Subkey: "Software\Classes\.assetreg"; ValueType: string; ValueName: ""; ValueData: "AssetReg.Register"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\AssetReg.Register"; ValueType: string; ValueName: ""; ValueData: "AssetReg register"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\AssetReg.Register\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\AssetReg.exe,0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\AssetReg.Register\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\AssetReg.exe"" --db ""%1"""; Tasks: associate

[Run]
Filename: "{app}\AssetReg.exe"; Description: "{cm:LaunchProgram,AssetReg}"; Flags: nowait postinstall skipifsilent
