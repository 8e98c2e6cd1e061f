; Inno Setup script of the Fieldapp client for Windows (see packaging/README.md).
; Build the bundle first on a Windows machine:  pyinstaller --noconfirm packaging\fieldapp.spec
; then:  iscc /DVersion=0.1.0 packaging\windows\fieldapp.iss

#ifndef Version
  #define Version "0.1.0"
#endif

[Setup]
AppId={{6B1F3C2E-5A7D-4E8B-9C1A-F1E1DA7A0001}
AppName=Fieldapp
AppVerName=Fieldapp {#Version}
AppVersion={#Version}
AppPublisher=Fieldapp developers
DefaultDirName={autopf}\Fieldapp
DefaultGroupName=Fieldapp
; Per-machine install by IT staff; the data folder is per user (%LOCALAPPDATA%\Fieldapp).
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=fieldapp-{#Version}-setup
SetupIconFile=..\icons\fieldapp.ico
UninstallDisplayIcon={app}\fieldapp.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\fieldapp\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Fieldapp"; Filename: "{app}\fieldapp.exe"
Name: "{group}\{cm:UninstallProgram,Fieldapp}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Fieldapp"; Filename: "{app}\fieldapp.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\fieldapp.exe"; Description: "{cm:LaunchProgram,Fieldapp}"; Flags: nowait postinstall skipifsilent
