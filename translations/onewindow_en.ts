<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Admin</name>
    <message>
        <source>Usage: onewindow-admin [--lang zh_CN|en] COMMAND [ARGS...]</source>
        <translation>Usage: onewindow-admin [--lang zh_CN|en] COMMAND [ARGS...]</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Commands:</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;; run onewindow-admin --help for the list.</source>
        <translation>Unknown command &quot;%1&quot;; run onewindow-admin --help for the list.</translation>
    </message>
    <message>
        <source>Usage: onewindow-admin %1 %2</source>
        <translation>Usage: onewindow-admin %1 %2</translation>
    </message>
    <message>
        <source>Check a citizen ID card number and show the facts it encodes</source>
        <translation>Check a citizen ID card number and show the facts it encodes</translation>
    </message>
    <message>
        <source>Invalid ID card number: %1</source>
        <translation>Invalid ID card number: %1</translation>
    </message>
    <message>
        <source>Check a unified social credit code and show the facts it encodes</source>
        <translation>Check a unified social credit code and show the facts it encodes</translation>
    </message>
    <message>
        <source>Invalid unified social credit code: %1</source>
        <translation>Invalid unified social credit code: %1</translation>
    </message>
    <message>
        <source>%1 (--%2 is required)</source>
        <translation>%1 (--%2 is required)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Cannot read %1: %2</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <source>Create a new encrypted store; its key goes to the keychain and, wrapped for the centre&apos;s recovery key, to an escrow file beside it</source>
        <translation>Create a new encrypted store; its key goes to the keychain and, wrapped for the centre&apos;s recovery key, to an escrow file beside it</translation>
    </message>
    <message>
        <source>%1 (give either --recovery-public-key or --no-escrow, not both)</source>
        <translation>%1 (give either --recovery-public-key or --no-escrow, not both)</translation>
    </message>
    <message>
        <source>Created store %1 in %2.</source>
        <translation>Created store %1 in %2.</translation>
    </message>
    <message>
        <source>Key: keychain service &quot;%1&quot;, backend %2.</source>
        <translation>Key: keychain service &quot;%1&quot;, backend %2.</translation>
    </message>
    <message>
        <source>Escrow: %1, wrapped (%2) for recovery key %3.</source>
        <translation>Escrow: %1, wrapped (%2) for recovery key %3.</translation>
    </message>
    <message>
        <source>Replace the key of a store with a new random one (crash-safe) and update its escrow</source>
        <translation>Replace the key of a store with a new random one (crash-safe) and update its escrow</translation>
    </message>
    <message>
        <source>The store in %1 has a new key.</source>
        <translation>The store in %1 has a new key.</translation>
    </message>
    <message>
        <source>Restore the key of a store whose keychain was lost, from its escrow and the centre&apos;s recovery private key</source>
        <translation>Restore the key of a store whose keychain was lost, from its escrow and the centre&apos;s recovery private key</translation>
    </message>
    <message>
        <source>Cannot use the recovery key %1: %2</source>
        <translation>Cannot use the recovery key %1: %2</translation>
    </message>
    <message>
        <source>The key of the store in %1 is back in the keychain; the store opens again.</source>
        <translation>The key of the store in %1 is back in the keychain; the store opens again.</translation>
    </message>
    <message>
        <source>Make a centre recovery key pair: FILE (private, keep it offline) and FILE.pub (give it to init)</source>
        <translation>Make a centre recovery key pair: FILE (private, keep it offline) and FILE.pub (give it to init)</translation>
    </message>
    <message>
        <source>%1 already exists; not overwriting a key.</source>
        <translation>%1 already exists; not overwriting a key.</translation>
    </message>
    <message>
        <source>Cannot write the recovery key: %1</source>
        <translation>Cannot write the recovery key: %1</translation>
    </message>
    <message>
        <source>Private key: %1 (keep it offline, readable only by you)</source>
        <translation>Private key: %1 (keep it offline, readable only by you)</translation>
    </message>
    <message>
        <source>Public key: %1</source>
        <translation>Public key: %1</translation>
    </message>
    <message>
        <source>Fingerprint: %1 (%2)</source>
        <translation>Fingerprint: %1 (%2)</translation>
    </message>
    <message>
        <source>Evaluate a JsonLogic rule or a smart-approval rule set against data and print the result as JSON (@FILE reads the JSON from a file)</source>
        <translation>Evaluate a JsonLogic rule or a smart-approval rule set against data and print the result as JSON (@FILE reads the JSON from a file)</translation>
    </message>
    <message>
        <source>Invalid rule: %1</source>
        <translation>Invalid rule: %1</translation>
    </message>
    <message>
        <source>Invalid data: %1</source>
        <translation>Invalid data: %1</translation>
    </message>
    <message>
        <source>Invalid rule set: %1</source>
        <translation>Invalid rule set: %1</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>cannot read %1: %2</translation>
    </message>
    <message>
        <source>Check a service catalogue document and list every problem with its JSON path</source>
        <translation>Check a service catalogue document and list every problem with its JSON path</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>Cannot read %1.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n problem(s) found.</source>
        <translation>
            <numerusform>%1: %n problem(s) found.</numerusform>
            <numerusform>%1: %n problem(s) found.</numerusform>
        </translation>
    </message>
    <message>
        <source>Catalogue version %1 (published %2) is valid: %3 items, %4 bundles, %5 departments.</source>
        <translation>Catalogue version %1 (published %2) is valid: %3 items, %4 bundles, %5 departments.</translation>
    </message>
    <message>
        <source>Render an item&apos;s service guide (or, with --manual, the staff manual) as PDF and/or HTML; the embedded demo catalogue unless --catalog is given</source>
        <translation>Render an item&apos;s service guide (or, with --manual, the staff manual) as PDF and/or HTML; the embedded demo catalogue unless --catalog is given</translation>
    </message>
    <message numerus="yes">
        <source>The catalogue has %n problem(s); run validate-catalog for the list.</source>
        <translation>
            <numerusform>The catalogue has %n problem(s); run validate-catalog for the list.</numerusform>
            <numerusform>The catalogue has %n problem(s); run validate-catalog for the list.</numerusform>
        </translation>
    </message>
    <message>
        <source>No item %1 in catalogue version %2.</source>
        <translation>No item %1 in catalogue version %2.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>Wrote %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n problem(s) found; nothing was imported.</source>
        <translation>
            <numerusform>%1: %n problem(s) found; nothing was imported.</numerusform>
            <numerusform>%1: %n problem(s) found; nothing was imported.</numerusform>
        </translation>
    </message>
    <message>
        <source>Catalogue version %1 is already in the store; nothing changed.</source>
        <translation>Catalogue version %1 is already in the store; nothing changed.</translation>
    </message>
    <message>
        <source>The store already holds a different catalogue with version %1; a published version never changes, so give the new catalogue a new version.</source>
        <translation>The store already holds a different catalogue with version %1; a published version never changes, so give the new catalogue a new version.</translation>
    </message>
    <message>
        <source>Imported catalogue version %1: %2 items, %3 bundles.</source>
        <translation>Imported catalogue version %1: %2 items, %3 bundles.</translation>
    </message>
    <message>
        <source>Validate a service catalogue and keep it in a workstation store (--data-dir) or in the central server&apos;s database, which hands it to every workstation; cases accepted from now on refer to its version. An invalid catalogue changes nothing</source>
        <translation>Validate a service catalogue and keep it in a workstation store (--data-dir) or in the central server&apos;s database, which hands it to every workstation; cases accepted from now on refer to its version. An invalid catalogue changes nothing</translation>
    </message>
    <message>
        <source>Catalogue version %1 is already on the server; nothing changed.</source>
        <translation>Catalogue version %1 is already on the server; nothing changed.</translation>
    </message>
    <message>
        <source>Imported catalogue version %1 into the central server: %2 items, %3 bundles; workstations receive it with their next sync.</source>
        <translation>Imported catalogue version %1 into the central server: %2 items, %3 bundles; workstations receive it with their next sync.</translation>
    </message>
    <message>
        <source>Give the server database with either --central-data-dir DIR or --database postgresql://USER:PASSWORD@HOST:PORT/DB.</source>
        <translation>Give the server database with either --central-data-dir DIR or --database postgresql://USER:PASSWORD@HOST:PORT/DB.</translation>
    </message>
    <message>
        <source>Add or list the service offices known to the central server</source>
        <translation>Add or list the service offices known to the central server</translation>
    </message>
    <message>
        <source>--level: &quot;%1&quot; is not one of %2.</source>
        <translation>--level: &quot;%1&quot; is not one of %2.</translation>
    </message>
    <message>
        <source>Added office %1 %2.</source>
        <translation>Added office %1 %2.</translation>
    </message>
    <message>
        <source>Record that an office hosts a catalogue department (its windows and reviewers)</source>
        <translation>Record that an office hosts a catalogue department (its windows and reviewers)</translation>
    </message>
    <message>
        <source>Office %1 now hosts department %2 %3.</source>
        <translation>Office %1 now hosts department %2 %3.</translation>
    </message>
    <message>
        <source>Add, disable, enable or list the central server&apos;s users, or reset a password. The password is read from --password-file or the first line of standard input, never from the command line</source>
        <translation>Add, disable, enable or list the central server&apos;s users, or reset a password. The password is read from --password-file or the first line of standard input, never from the command line</translation>
    </message>
    <message>
        <source>Passwords are not accepted on the command line; use --password-file FILE or standard input.</source>
        <translation>Passwords are not accepted on the command line; use --password-file FILE or standard input.</translation>
    </message>
    <message>
        <source>No password given: put it in --password-file FILE or on standard input.</source>
        <translation>No password given: put it in --password-file FILE or on standard input.</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>User %1 is disabled; their sessions end with their next request.</source>
        <translation>User %1 is disabled; their sessions end with their next request.</translation>
    </message>
    <message>
        <source>User %1 is enabled again.</source>
        <translation>User %1 is enabled again.</translation>
    </message>
    <message>
        <source>Set a new password for %1 and signed them out everywhere.</source>
        <translation>Set a new password for %1 and signed them out everywhere.</translation>
    </message>
    <message>
        <source>Added user %1 (%2) at office %3.</source>
        <translation>Added user %1 (%2) at office %3.</translation>
    </message>
    <message>
        <source>Cannot read the password from %1: %2</source>
        <translation>Cannot read the password from %1: %2</translation>
    </message>
    <message>
        <source>standard input</source>
        <translation>standard input</translation>
    </message>
    <message>
        <source>The password is empty.</source>
        <translation>The password is empty.</translation>
    </message>
    <message>
        <source>Signs in to the central server and syncs the workstation store once: uploads attachments, pushes recorded events, pulls new ones.</source>
        <translation>Signs in to the central server and syncs the workstation store once: uploads attachments, pushes recorded events, pulls new ones.</translation>
    </message>
    <message>
        <source>The server address &quot;%1&quot; is not an http:// or https:// URL.</source>
        <translation>The server address &quot;%1&quot; is not an http:// or https:// URL.</translation>
    </message>
    <message>
        <source>The store has no device id and cannot record one.</source>
        <translation>The store has no device id and cannot record one.</translation>
    </message>
    <message>
        <source>Sign-in to %1 failed: %2</source>
        <translation>Sign-in to %1 failed: %2</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Sync failed: %1</translation>
    </message>
    <message>
        <source>Synced: %1 pushed (%2 already on the server), %3 pulled, %4 parked, %5 still waiting.</source>
        <translation>Synced: %1 pushed (%2 already on the server), %3 pulled, %4 parked, %5 still waiting.</translation>
    </message>
    <message>
        <source>%1 holds no authority public keys: give a PEM public key named after its authority (e.g. demo-centre-2026.pem) or a JSON file with &quot;authorityKeys&quot; (e.g. the catalogue).</source>
        <translation>%1 holds no authority public keys: give a PEM public key named after its authority (e.g. demo-centre-2026.pem) or a JSON file with &quot;authorityKeys&quot; (e.g. the catalogue).</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>from %1, no end date</source>
        <translation>from %1, no end date</translation>
    </message>
    <message>
        <source>Certificate number: %1</source>
        <translation>Certificate number: %1</translation>
    </message>
    <message>
        <source>Holder: %1</source>
        <translation>Holder: %1</translation>
    </message>
    <message>
        <source>Holder ID: %1</source>
        <translation>Holder ID: %1</translation>
    </message>
    <message>
        <source>Valid: %1</source>
        <translation>Valid: %1</translation>
    </message>
    <message>
        <source>Issued by: %1 on %2</source>
        <translation>Issued by: %1 on %2</translation>
    </message>
    <message>
        <source>Certificate id: %1</source>
        <translation>Certificate id: %1</translation>
    </message>
    <message>
        <source>Check a certificate&apos;s verification code (the text of its QR code, or - to read it from standard input): genuine, revoked, forged or malformed, and why; the public keys of the embedded demo catalogue unless --public-keys is given (a PEM file named after its authority, or a JSON file with &quot;authorityKeys&quot;); --revoked names a file of revoked certificate ids, one per line</source>
        <translation>Check a certificate&apos;s verification code (the text of its QR code, or - to read it from standard input): genuine, revoked, forged or malformed, and why; the public keys of the embedded demo catalogue unless --public-keys is given (a PEM file named after its authority, or a JSON file with &quot;authorityKeys&quot;); --revoked names a file of revoked certificate ids, one per line</translation>
    </message>
    <message>
        <source>Cannot read standard input.</source>
        <translation>Cannot read standard input.</translation>
    </message>
    <message>
        <source>revoked: the signature is genuine, but certificate %1 has been revoked and is no longer valid.</source>
        <translation>revoked: the signature is genuine, but certificate %1 has been revoked and is no longer valid.</translation>
    </message>
    <message>
        <source>genuine: signed by %1; compare these details with the paper:</source>
        <translation>genuine: signed by %1; compare these details with the paper:</translation>
    </message>
    <message>
        <source>The code claims:</source>
        <translation>The code claims:</translation>
    </message>
    <message>
        <source>--calibration: give X,Y or X,Y,XSCALE,YSCALE (offsets up to ±10 mm, scales between 0.9 and 1.1).</source>
        <translation>--calibration: give X,Y or X,Y,XSCALE,YSCALE (offsets up to ±10 mm, scales between 0.9 and 1.1).</translation>
    </message>
    <message>
        <source>--fields: not a JSON object of field names and texts (%1).</source>
        <translation>--fields: not a JSON object of field names and texts (%1).</translation>
    </message>
    <message>
        <source>--fields: the value of &quot;%1&quot; must be text.</source>
        <translation>--fields: the value of &quot;%1&quot; must be text.</translation>
    </message>
    <message>
        <source>--fields: the template &quot;%1&quot; has no field &quot;%2&quot;.</source>
        <translation>--fields: the template &quot;%1&quot; has no field &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>--sign-key: %1</source>
        <translation>--sign-key: %1</translation>
    </message>
    <message>
        <source>Generate an issuing authority&apos;s SM2 key pair for signing certificates: the private key (readable by its owner only) stays on the central server, the public key goes into the catalogue&apos;s authorityKeys</source>
        <translation>Generate an issuing authority&apos;s SM2 key pair for signing certificates: the private key (readable by its owner only) stays on the central server, the public key goes into the catalogue&apos;s authorityKeys</translation>
    </message>
    <message>
        <source>%1 exists already; it is not overwritten.</source>
        <translation>%1 exists already; it is not overwritten.</translation>
    </message>
    <message>
        <source>Wrote the private key to %1 (keep it on the central server only) and the public key to %2.</source>
        <translation>Wrote the private key to %1 (keep it on the central server only) and the public key to %2.</translation>
    </message>
    <message>
        <source>Issue a range of pre-printed certificate paper serials to an office (serial = prefix and the number zero-padded to the width, 7 unless given); a range overlapping one with the same prefix is refused</source>
        <translation>Issue a range of pre-printed certificate paper serials to an office (serial = prefix and the number zero-padded to the width, 7 unless given); a range overlapping one with the same prefix is refused</translation>
    </message>
    <message>
        <source>--%1: &quot;%2&quot; is not a whole number.</source>
        <translation>--%1: &quot;%2&quot; is not a whole number.</translation>
    </message>
    <message>
        <source>Issued stock serials %1 to %2 (%3 sheets) to office %4.</source>
        <translation>Issued stock serials %1 to %2 (%3 sheets) to office %4.</translation>
    </message>
    <message>
        <source>Render a certificate as PDF: a case&apos;s certificate from the workstation store at --data-dir (CASE is its case number or id; --certificate picks another of a bundle&apos;s certificates by number or id), signed by the central server (--unsigned-draft renders one awaiting signature as a draft marked invalid); or from a template (a file or a built-in name such as food-business-licence) and its fields (a JSON object, inline or in a file), --sign-key signing the key fields into the verification code. --stock prints only the variable fields for pre-printed certificate paper, --preview adds the &quot;invalid&quot; watermark, --calibration X,Y[,XSCALE,YSCALE] corrects a printer</source>
        <translation>Render a certificate as PDF: a case&apos;s certificate from the workstation store at --data-dir (CASE is its case number or id; --certificate picks another of a bundle&apos;s certificates by number or id), signed by the central server (--unsigned-draft renders one awaiting signature as a draft marked invalid); or from a template (a file or a built-in name such as food-business-licence) and its fields (a JSON object, inline or in a file), --sign-key signing the key fields into the verification code. --stock prints only the variable fields for pre-printed certificate paper, --preview adds the &quot;invalid&quot; watermark, --calibration X,Y[,XSCALE,YSCALE] corrects a printer</translation>
    </message>
    <message>
        <source>--%1 does not go with %2.</source>
        <translation>--%1 does not go with %2.</translation>
    </message>
    <message>
        <source>a case</source>
        <translation>a case</translation>
    </message>
    <message>
        <source>No case %1 in the store at %2: give its case number or case id.</source>
        <translation>No case %1 in the store at %2: give its case number or case id.</translation>
    </message>
    <message>
        <source>Case %1 has no certificate: it has not been approved, or none of its items issues one.</source>
        <translation>Case %1 has no certificate: it has not been approved, or none of its items issues one.</translation>
    </message>
    <message>
        <source>Case %1 has no certificate %2; its certificates are %3.</source>
        <translation>Case %1 has no certificate %2; its certificates are %3.</translation>
    </message>
    <message>
        <source>Certificate %1 is not signed yet (awaiting signature): a sync with the central server brings its verification code; --unsigned-draft renders a draft marked invalid.</source>
        <translation>Certificate %1 is not signed yet (awaiting signature): a sync with the central server brings its verification code; --unsigned-draft renders a draft marked invalid.</translation>
    </message>
    <message>
        <source>Draft, not signed — invalid</source>
        <translation>Draft, not signed — invalid</translation>
    </message>
    <message>
        <source>Certificate %1 names no template; the catalogue must give its item one.</source>
        <translation>Certificate %1 names no template; the catalogue must give its item one.</translation>
    </message>
    <message>
        <source>The template %1 of certificate %2 cannot be used: %3</source>
        <translation>The template %1 of certificate %2 cannot be used: %3</translation>
    </message>
    <message>
        <source>Certificate %1 of case %2, held by %3.</source>
        <translation>Certificate %1 of case %2, held by %3.</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>Printer calibration</source>
        <translation>Printer calibration</translation>
    </message>
    <message>
        <source>P&amp;rinter:</source>
        <translation>P&amp;rinter:</translation>
    </message>
    <message>
        <source>Print the calibration &amp;sheet</source>
        <translation>Print the calibration &amp;sheet</translation>
    </message>
    <message>
        <source>Print the calibration sheet on plain A4 paper, then measure with a ruler from the paper&apos;s left and top edges to the centres of the crosses. The sheet labels where each cross should be: (20, 20), (190, 20), (105, 148.5), (20, 277) and (190, 277) mm. Enter the correction below.</source>
        <translation>Print the calibration sheet on plain A4 paper, then measure with a ruler from the paper&apos;s left and top edges to the centres of the crosses. The sheet labels where each cross should be: (20, 20), (190, 20), (105, 148.5), (20, 277) and (190, 277) mm. Enter the correction below.</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>Shift &amp;right (mm):</source>
        <translation>Shift &amp;right (mm):</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <source>Shift &amp;down (mm):</source>
        <translation>Shift &amp;down (mm):</translation>
    </message>
    <message>
        <source>&amp;Horizontal scale:</source>
        <translation>&amp;Horizontal scale:</translation>
    </message>
    <message>
        <source>&amp;Vertical scale:</source>
        <translation>&amp;Vertical scale:</translation>
    </message>
</context>
<context>
    <name>Cases</name>
    <message>
        <source>The office code &quot;%1&quot; must be 6 to 12 digits or capital letters.</source>
        <translation>The office code &quot;%1&quot; must be 6 to 12 digits or capital letters.</translation>
    </message>
    <message>
        <source>The case number needs a valid date.</source>
        <translation>The case number needs a valid date.</translation>
    </message>
    <message>
        <source>The device code &quot;%1&quot; must be 1 to 4 digits or capital letters.</source>
        <translation>The device code &quot;%1&quot; must be 1 to 4 digits or capital letters.</translation>
    </message>
    <message>
        <source>The serial %1 is outside 1 to %2.</source>
        <translation>The serial %1 is outside 1 to %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a case number of the form 330102-20261122-D07-000123-8.</source>
        <translation>&quot;%1&quot; is not a case number of the form 330102-20261122-D07-000123-8.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; contains an impossible date.</source>
        <translation>&quot;%1&quot; contains an impossible date.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a serial with extra leading zeros.</source>
        <translation>&quot;%1&quot; has a serial with extra leading zeros.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a wrong check character: a character was probably mistyped.</source>
        <translation>&quot;%1&quot; has a wrong check character: a character was probably mistyped.</translation>
    </message>
    <message>
        <source>Item &quot;%1&quot; is not part of this case.</source>
        <translation>Item &quot;%1&quot; is not part of this case.</translation>
    </message>
    <message>
        <source>A new case must name its service items (payload &quot;items&quot;).</source>
        <translation>A new case must name its service items (payload &quot;items&quot;).</translation>
    </message>
    <message>
        <source>Item %1 of the new case needs a code and a department.</source>
        <translation>Item %1 of the new case needs a code and a department.</translation>
    </message>
    <message>
        <source>Item %1: %2 must be a whole number of working days.</source>
        <translation>Item %1: %2 must be a whole number of working days.</translation>
    </message>
    <message>
        <source>The time limit must be a whole number of working days.</source>
        <translation>The time limit must be a whole number of working days.</translation>
    </message>
    <message>
        <source>An opinion must name the department giving it (payload &quot;department&quot;).</source>
        <translation>An opinion must name the department giving it (payload &quot;department&quot;).</translation>
    </message>
    <message>
        <source>An opinion&apos;s decision must be &quot;approve&quot; or &quot;deny&quot;.</source>
        <translation>An opinion&apos;s decision must be &quot;approve&quot; or &quot;deny&quot;.</translation>
    </message>
    <message>
        <source>Every item was denied by its department; the case can only be denied.</source>
        <translation>Every item was denied by its department; the case can only be denied.</translation>
    </message>
    <message>
        <source>Item &quot;%1&quot; was denied by its department and cannot be approved.</source>
        <translation>Item &quot;%1&quot; was denied by its department and cannot be approved.</translation>
    </message>
    <message>
        <source>The smart-approval trace of the approval is not valid.</source>
        <translation>The smart-approval trace of the approval is not valid.</translation>
    </message>
    <message>
        <source>A one-time notice of missing materials must cite its basis (payload &quot;basis&quot;).</source>
        <translation>A one-time notice of missing materials must cite its basis (payload &quot;basis&quot;).</translation>
    </message>
    <message>
        <source>A one-time notice must list every missing material at once (payload &quot;materials&quot;).</source>
        <translation>A one-time notice must list every missing material at once (payload &quot;materials&quot;).</translation>
    </message>
    <message>
        <source>A refusal to accept must cite its legal basis (payload &quot;basis&quot;).</source>
        <translation>A refusal to accept must cite its legal basis (payload &quot;basis&quot;).</translation>
    </message>
    <message>
        <source>A denial must cite its legal basis (payload &quot;basis&quot;).</source>
        <translation>A denial must cite its legal basis (payload &quot;basis&quot;).</translation>
    </message>
    <message>
        <source>A termination must cite its legal basis (payload &quot;basis&quot;).</source>
        <translation>A termination must cite its legal basis (payload &quot;basis&quot;).</translation>
    </message>
    <message>
        <source>The routing is not valid: %1</source>
        <translation>The routing is not valid: %1</translation>
    </message>
    <message>
        <source>A request for supplementary materials must list them (payload &quot;materials&quot;).</source>
        <translation>A request for supplementary materials must list them (payload &quot;materials&quot;).</translation>
    </message>
    <message>
        <source>A suspension must give its reason (payload &quot;reason&quot;).</source>
        <translation>A suspension must give its reason (payload &quot;reason&quot;).</translation>
    </message>
    <message>
        <source>A produced certificate must be identified (payload &quot;certificateId&quot;).</source>
        <translation>A produced certificate must be identified (payload &quot;certificateId&quot;).</translation>
    </message>
    <message>
        <source>An evaluation needs a rating from 1 (very dissatisfied) to 5 (very satisfied).</source>
        <translation>An evaluation needs a rating from 1 (very dissatisfied) to 5 (very satisfied).</translation>
    </message>
    <message>
        <source>Not yet registered</source>
        <translation>Not yet registered</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Awaiting missing materials</source>
        <translation>Awaiting missing materials</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>Under review</translation>
    </message>
    <message>
        <source>Awaiting supplementary materials</source>
        <translation>Awaiting supplementary materials</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Denied</translation>
    </message>
    <message>
        <source>Certificate ready</source>
        <translation>Certificate ready</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <source>actor.%1: unknown field</source>
        <translation>actor.%1: unknown field</translation>
    </message>
    <message>
        <source>actor.userId: missing</source>
        <translation>actor.userId: missing</translation>
    </message>
    <message>
        <source>actor.officeCode: missing</source>
        <translation>actor.officeCode: missing</translation>
    </message>
    <message>
        <source>actor.deviceId: missing</source>
        <translation>actor.deviceId: missing</translation>
    </message>
    <message>
        <source>actor.role: &quot;%1&quot; is not a role</source>
        <translation>actor.role: &quot;%1&quot; is not a role</translation>
    </message>
    <message>
        <source>%1: unknown field</source>
        <translation>%1: unknown field</translation>
    </message>
    <message>
        <source>id: &quot;%1&quot; is not a lower-case UUIDv7</source>
        <translation>id: &quot;%1&quot; is not a lower-case UUIDv7</translation>
    </message>
    <message>
        <source>caseId: &quot;%1&quot; is not a lower-case UUIDv7</source>
        <translation>caseId: &quot;%1&quot; is not a lower-case UUIDv7</translation>
    </message>
    <message>
        <source>type: &quot;%1&quot; is not an event type</source>
        <translation>type: &quot;%1&quot; is not an event type</translation>
    </message>
    <message>
        <source>actor: missing</source>
        <translation>actor: missing</translation>
    </message>
    <message>
        <source>at: &quot;%1&quot; is not a UTC time such as 2026-11-22T08:30:00.123Z</source>
        <translation>at: &quot;%1&quot; is not a UTC time such as 2026-11-22T08:30:00.123Z</translation>
    </message>
    <message>
        <source>payload: must be an object</source>
        <translation>payload: must be an object</translation>
    </message>
    <message>
        <source>prevHash: must be &quot;&quot; or 64 lower-case hexadecimal digits</source>
        <translation>prevHash: must be &quot;&quot; or 64 lower-case hexadecimal digits</translation>
    </message>
    <message>
        <source>hash: must be 64 lower-case hexadecimal digits</source>
        <translation>hash: must be 64 lower-case hexadecimal digits</translation>
    </message>
    <message>
        <source>serverSeq: must be a non-negative integer</source>
        <translation>serverSeq: must be a non-negative integer</translation>
    </message>
    <message>
        <source>receivedAt: not a UTC time such as 2026-11-22T08:30:00.123Z</source>
        <translation>receivedAt: not a UTC time such as 2026-11-22T08:30:00.123Z</translation>
    </message>
    <message>
        <source>The hash algorithm %1 is not available in this OpenSSL build.</source>
        <translation>The hash algorithm %1 is not available in this OpenSSL build.</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>Registration</translation>
    </message>
    <message>
        <source>Acceptance</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <source>One-time notice of missing materials</source>
        <translation>One-time notice of missing materials</translation>
    </message>
    <message>
        <source>Refusal to accept</source>
        <translation>Refusal to accept</translation>
    </message>
    <message>
        <source>Routing for review</source>
        <translation>Routing for review</translation>
    </message>
    <message>
        <source>Review opinion</source>
        <translation>Review opinion</translation>
    </message>
    <message>
        <source>Request for supplementary materials</source>
        <translation>Request for supplementary materials</translation>
    </message>
    <message>
        <source>Supplementary materials received</source>
        <translation>Supplementary materials received</translation>
    </message>
    <message>
        <source>Suspension</source>
        <translation>Suspension</translation>
    </message>
    <message>
        <source>Resumption</source>
        <translation>Resumption</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>Approval</translation>
    </message>
    <message>
        <source>Denial</source>
        <translation>Denial</translation>
    </message>
    <message>
        <source>Certificate produced</source>
        <translation>Certificate produced</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Withdrawal</source>
        <translation>Withdrawal</translation>
    </message>
    <message>
        <source>Termination</source>
        <translation>Termination</translation>
    </message>
    <message>
        <source>Service evaluation</source>
        <translation>Service evaluation</translation>
    </message>
    <message>
        <source>Window clerk</source>
        <translation>Window clerk</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>Convenience-point agent</source>
        <translation>Convenience-point agent</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Event %1 (#%2, device %3) was changed after it was recorded: its content does not match its hash.</source>
        <translation>Event %1 (#%2, device %3) was changed after it was recorded: its content does not match its hash.</translation>
    </message>
    <message>
        <source>Event %1 (#%2, device %3) is out of order: it follows event %4 (#%5), not the event before it.</source>
        <translation>Event %1 (#%2, device %3) is out of order: it follows event %4 (#%5), not the event before it.</translation>
    </message>
    <message>
        <source>Event %1 (#%2, device %3) is not the device&apos;s first event: the events before it are missing.</source>
        <translation>Event %1 (#%2, device %3) is not the device&apos;s first event: the events before it are missing.</translation>
    </message>
    <message>
        <source>Event %1 (#%2, device %3) does not follow event %4: an event between them is missing (or %4 was rewritten).</source>
        <translation>Event %1 (#%2, device %3) does not follow event %4: an event between them is missing (or %4 was rewritten).</translation>
    </message>
    <message>
        <source>%1 or more</source>
        <translation>%1 or more</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>The rule is nested more than %1 levels deep at %2.</source>
        <translation>The rule is nested more than %1 levels deep at %2.</translation>
    </message>
    <message>
        <source>Unknown operator &quot;%1&quot; at %2.</source>
        <translation>Unknown operator &quot;%1&quot; at %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; at %2 takes %3 arguments but has 1.</source>
        <translation>&quot;%1&quot; at %2 takes %3 arguments but has 1.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; at %2 takes %3 arguments but has %4.</source>
        <translation>&quot;%1&quot; at %2 takes %3 arguments but has %4.</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>not valid JSON: %1 at offset %2</translation>
    </message>
    <message>
        <source>not valid JSON: the text is empty</source>
        <translation>not valid JSON: the text is empty</translation>
    </message>
    <message>
        <source>not valid JSON: more than one value</source>
        <translation>not valid JSON: more than one value</translation>
    </message>
    <message>
        <source>A bundle needs a lead department.</source>
        <translation>A bundle needs a lead department.</translation>
    </message>
    <message>
        <source>A bundle needs at least one item.</source>
        <translation>A bundle needs at least one item.</translation>
    </message>
    <message>
        <source>An item of the bundle has no code.</source>
        <translation>An item of the bundle has no code.</translation>
    </message>
    <message>
        <source>Item %1 has no department to review it.</source>
        <translation>Item %1 has no department to review it.</translation>
    </message>
    <message>
        <source>Item %1 is named twice in the bundle.</source>
        <translation>Item %1 is named twice in the bundle.</translation>
    </message>
    <message>
        <source>lead: missing</source>
        <translation>lead: missing</translation>
    </message>
    <message>
        <source>tasks: a case must go to at least one department</source>
        <translation>tasks: a case must go to at least one department</translation>
    </message>
    <message>
        <source>tasks[%1].department: missing</source>
        <translation>tasks[%1].department: missing</translation>
    </message>
    <message>
        <source>tasks[%1].department: %2 is named twice</source>
        <translation>tasks[%1].department: %2 is named twice</translation>
    </message>
    <message>
        <source>tasks[%1].items: item codes must be non-empty text</source>
        <translation>tasks[%1].items: item codes must be non-empty text</translation>
    </message>
    <message>
        <source>lead: %1 has no task</source>
        <translation>lead: %1 has no task</translation>
    </message>
    <message>
        <source>The case was not routed to %1.</source>
        <translation>The case was not routed to %1.</translation>
    </message>
    <message>
        <source>A department&apos;s denial must cite its legal basis (payload &quot;basis&quot;).</source>
        <translation>A department&apos;s denial must cite its legal basis (payload &quot;basis&quot;).</translation>
    </message>
    <message>
        <source>Item %1 is not reviewed by %2.</source>
        <translation>Item %1 is not reviewed by %2.</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Deny</translation>
    </message>
    <message>
        <source>To a person</source>
        <translation>To a person</translation>
    </message>
    <message>
        <source>outcome: must be &quot;approve&quot;, &quot;deny&quot; or &quot;manual&quot;</source>
        <translation>outcome: must be &quot;approve&quot;, &quot;deny&quot; or &quot;manual&quot;</translation>
    </message>
    <message>
        <source>rules[%1]: needs an id, an outcome and whether it passed</source>
        <translation>rules[%1]: needs an id, an outcome and whether it passed</translation>
    </message>
    <message>
        <source>rules: a rule set is an object with a &quot;rules&quot; array</source>
        <translation>rules: a rule set is an object with a &quot;rules&quot; array</translation>
    </message>
    <message>
        <source>mode: must be text</source>
        <translation>mode: must be text</translation>
    </message>
    <message>
        <source>rules: a rule set needs at least one rule</source>
        <translation>rules: a rule set needs at least one rule</translation>
    </message>
    <message>
        <source>%1: must be an object</source>
        <translation>%1: must be an object</translation>
    </message>
    <message>
        <source>%1.id: missing</source>
        <translation>%1.id: missing</translation>
    </message>
    <message>
        <source>%1.id: &quot;%2&quot; is used by an earlier rule</source>
        <translation>%1.id: &quot;%2&quot; is used by an earlier rule</translation>
    </message>
    <message>
        <source>%1.rule: missing</source>
        <translation>%1.rule: missing</translation>
    </message>
    <message>
        <source>%1.rule: %2</source>
        <translation>%1.rule: %2</translation>
    </message>
    <message>
        <source>%1.basis: every rule must cite its legal basis</source>
        <translation>%1.basis: every rule must cite its legal basis</translation>
    </message>
    <message>
        <source>%1.outcome: must be &quot;deny&quot; or &quot;manual&quot; (what failing the rule leads to)</source>
        <translation>%1.outcome: must be &quot;deny&quot; or &quot;manual&quot; (what failing the rule leads to)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>No item of this case produces a certificate.</source>
        <translation>No item of this case produces a certificate.</translation>
    </message>
    <message>
        <source>This case produces a certificate: record the certificate before delivery.</source>
        <translation>This case produces a certificate: record the certificate before delivery.</translation>
    </message>
    <message>
        <source>The lead department concludes only when every department has decided; still waiting for: %1.</source>
        <translation>The lead department concludes only when every department has decided; still waiting for: %1.</translation>
    </message>
    <message>
        <source>Approval at the window needs a smart-approval trace that approves (payload &quot;smartApproval&quot;); otherwise route the case for review.</source>
        <translation>Approval at the window needs a smart-approval trace that approves (payload &quot;smartApproval&quot;); otherwise route the case for review.</translation>
    </message>
    <message>
        <source>The applicant has already evaluated this case.</source>
        <translation>The applicant has already evaluated this case.</translation>
    </message>
    <message>
        <source>Event %1 belongs to another case.</source>
        <translation>Event %1 belongs to another case.</translation>
    </message>
    <message>
        <source>%1 is not possible while the case is &quot;%2&quot;.</source>
        <translation>%1 is not possible while the case is &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>The role &quot;%1&quot; cannot record %2 while the case is &quot;%3&quot;; only: %4.</source>
        <translation>The role &quot;%1&quot; cannot record %2 while the case is &quot;%3&quot;; only: %4.</translation>
    </message>
    <message>
        <source>Event %1 (#%2, %3): %4</source>
        <translation>Event %1 (#%2, %3): %4</translation>
    </message>
    <message>
        <source>Within the time limit</source>
        <translation>Within the time limit</translation>
    </message>
    <message>
        <source>Time limit near</source>
        <translation>Time limit near</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>No time limit running</source>
        <translation>No time limit running</translation>
    </message>
    <message>
        <source>A claim must name the department and the user (payload &quot;assignee&quot;).</source>
        <translation>A claim must name the department and the user (payload &quot;assignee&quot;).</translation>
    </message>
    <message>
        <source>A reviewer can claim a case only for themselves.</source>
        <translation>A reviewer can claim a case only for themselves.</translation>
    </message>
    <message>
        <source>Only %1, who claimed the case, can release it.</source>
        <translation>Only %1, who claimed the case, can release it.</translation>
    </message>
    <message>
        <source>The case is already claimed by %1 for %2.</source>
        <translation>The case is already claimed by %1 for %2.</translation>
    </message>
    <message>
        <source>An extension must give its working days, 1 to %1 (payload &quot;extension&quot;).</source>
        <translation>An extension must give its working days, 1 to %1 (payload &quot;extension&quot;).</translation>
    </message>
    <message>
        <source>An extension must name who approved it and its basis.</source>
        <translation>An extension must name who approved it and its basis.</translation>
    </message>
    <message>
        <source>The time limit has already been extended once.</source>
        <translation>The time limit has already been extended once.</translation>
    </message>
    <message>
        <source>Only the lead department %1 can extend the time limit.</source>
        <translation>Only the lead department %1 can extend the time limit.</translation>
    </message>
    <message>
        <source>A print must name the certificate printed (payload &quot;certificateId&quot;).</source>
        <translation>A print must name the certificate printed (payload &quot;certificateId&quot;).</translation>
    </message>
    <message>
        <source>The certificate %1 is not one of this case&apos;s certificates.</source>
        <translation>The certificate %1 is not one of this case&apos;s certificates.</translation>
    </message>
    <message>
        <source>A print must name the printer it was printed on (payload &quot;printer&quot;).</source>
        <translation>A print must name the printer it was printed on (payload &quot;printer&quot;).</translation>
    </message>
    <message>
        <source>A print must say whether it was on plain paper or on pre-printed certificate paper (payload &quot;mode&quot;: &quot;plain&quot; or &quot;stock&quot;).</source>
        <translation>A print must say whether it was on plain paper or on pre-printed certificate paper (payload &quot;mode&quot;: &quot;plain&quot; or &quot;stock&quot;).</translation>
    </message>
    <message>
        <source>A print on pre-printed certificate paper must give the serial number of the sheet (payload &quot;stockSerial&quot;).</source>
        <translation>A print on pre-printed certificate paper must give the serial number of the sheet (payload &quot;stockSerial&quot;).</translation>
    </message>
    <message>
        <source>The print&apos;s &quot;%1&quot; must be true or false.</source>
        <translation>The print&apos;s &quot;%1&quot; must be true or false.</translation>
    </message>
    <message>
        <source>The certificate %1 has not been printed yet: its first print is not a reprint.</source>
        <translation>The certificate %1 has not been printed yet: its first print is not a reprint.</translation>
    </message>
    <message>
        <source>The certificate %1 was printed before: printing it again is a reprint and needs a reason.</source>
        <translation>The certificate %1 was printed before: printing it again is a reprint and needs a reason.</translation>
    </message>
    <message>
        <source>A reprint must give its reason (payload &quot;reason&quot;).</source>
        <translation>A reprint must give its reason (payload &quot;reason&quot;).</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>an empty catalogue has no version</source>
        <translation>an empty catalogue has no version</translation>
    </message>
    <message>
        <source>catalogue version %1 is already held with different content; a published version never changes, publish a new one</source>
        <translation>catalogue version %1 is already held with different content; a published version never changes, publish a new one</translation>
    </message>
    <message>
        <source>use 2 to 20 upper-case letters, digits or hyphens, starting with a letter</source>
        <translation>use 2 to 20 upper-case letters, digits or hyphens, starting with a letter</translation>
    </message>
    <message>
        <source>use lower-case letters, digits and hyphens, starting with a letter</source>
        <translation>use lower-case letters, digits and hyphens, starting with a letter</translation>
    </message>
    <message>
        <source>must be a date such as 2026-11-01</source>
        <translation>must be a date such as 2026-11-01</translation>
    </message>
    <message>
        <source>must be one of: %1</source>
        <translation>must be one of: %1</translation>
    </message>
    <message>
        <source>must be a PEM public key (-----BEGIN PUBLIC KEY-----)</source>
        <translation>must be a PEM public key (-----BEGIN PUBLIC KEY-----)</translation>
    </message>
    <message>
        <source>unknown department &quot;%1&quot;</source>
        <translation>unknown department &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a bundle needs at least two items</source>
        <translation>a bundle needs at least two items</translation>
    </message>
    <message>
        <source>unknown item &quot;%1&quot;</source>
        <translation>unknown item &quot;%1&quot;</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at byte %2</source>
        <translation>not valid JSON: %1 at byte %2</translation>
    </message>
    <message>
        <source>use year.month.number, e.g. 2026.11.1</source>
        <translation>use year.month.number, e.g. 2026.11.1</translation>
    </message>
    <message>
        <source>must be an RFC 3339 date and time with a time zone, e.g. 2026-11-01T09:00:00+08:00</source>
        <translation>must be an RFC 3339 date and time with a time zone, e.g. 2026-11-01T09:00:00+08:00</translation>
    </message>
    <message>
        <source>use the six-digit administrative division code</source>
        <translation>use the six-digit administrative division code</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>cannot read %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n working day(s)</numerusform>
            <numerusform>%n working day(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>On the spot (immediate)</source>
        <translation>On the spot (immediate)</translation>
    </message>
    <message>
        <source>Free of charge</source>
        <translation>Free of charge</translation>
    </message>
    <message>
        <source>CNY %1 %2</source>
        <translation>CNY %1 %2</translation>
    </message>
    <message>
        <source>No visit needed (fully online)</source>
        <translation>No visit needed (fully online)</translation>
    </message>
    <message numerus="yes">
        <source>At most %n visit(s)</source>
        <translation>
            <numerusform>At most %n visit(s)</numerusform>
            <numerusform>At most %n visit(s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n year(s)</numerusform>
            <numerusform>%n year(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>No fixed term</source>
        <translation>No fixed term</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>Conditions for acceptance</source>
        <translation>Conditions for acceptance</translation>
    </message>
    <message>
        <source>Service Guide</source>
        <translation>Service Guide</translation>
    </message>
    <message>
        <source>Staff Manual</source>
        <translation>Staff Manual</translation>
    </message>
    <message>
        <source>Catalogue version %1, published %2</source>
        <translation>Catalogue version %1, published %2</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Basic information</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>Item name</source>
        <translation>Item name</translation>
    </message>
    <message>
        <source>Item code</source>
        <translation>Item code</translation>
    </message>
    <message>
        <source>Item type</source>
        <translation>Item type</translation>
    </message>
    <message>
        <source>Implementing authority</source>
        <translation>Implementing authority</translation>
    </message>
    <message>
        <source>Who may apply</source>
        <translation>Who may apply</translation>
    </message>
    <message>
        <source>Legal time limit</source>
        <translation>Legal time limit</translation>
    </message>
    <message>
        <source>Promised time limit</source>
        <translation>Promised time limit</translation>
    </message>
    <message>
        <source>Visits to the centre</source>
        <translation>Visits to the centre</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>Where to apply</source>
        <translation>Where to apply</translation>
    </message>
    <message>
        <source>Enquiries</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <source>Office hours</source>
        <translation>Office hours</translation>
    </message>
    <message>
        <source>Materials to submit</source>
        <translation>Materials to submit</translation>
    </message>
    <message>
        <source>No materials: the information is obtained by data sharing.</source>
        <translation>No materials: the information is obtained by data sharing.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>Original or copy</source>
        <translation>Original or copy</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>Shared licence may replace it</source>
        <translation>Shared licence may replace it</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>If applicable</source>
        <translation>If applicable</translation>
    </message>
    <message>
        <source>Where a shared licence is named, an applicant whose electronic licence the system already holds need not hand in that material.</source>
        <translation>Where a shared licence is named, an applicant whose electronic licence the system already holds need not hand in that material.</translation>
    </message>
    <message>
        <source>Review points</source>
        <translation>Review points</translation>
    </message>
    <message>
        <source>What to check</source>
        <translation>What to check</translation>
    </message>
    <message>
        <source>Complete, legible and consistent with the application.</source>
        <translation>Complete, legible and consistent with the application.</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>What is done</source>
        <translation>What is done</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>Time limits</source>
        <translation>Time limits</translation>
    </message>
    <message>
        <source>Legal time limit: %1; promised time limit: %2.</source>
        <translation>Legal time limit: %1; promised time limit: %2.</translation>
    </message>
    <message>
        <source>Time limits count working days from acceptance; time for supplementing materials, on-site inspection and expert review is not counted.</source>
        <translation>Time limits count working days from acceptance; time for supplementing materials, on-site inspection and expert review is not counted.</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Fees</translation>
    </message>
    <message>
        <source>Basis: %1</source>
        <translation>Basis: %1</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>Validity</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Unified form fields</source>
        <translation>Unified form fields</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Options: %1</source>
        <translation>Options: %1</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Smart approval rules</source>
        <translation>Smart approval rules</translation>
    </message>
    <message>
        <source>Mode: %1. When every rule holds: %2.</source>
        <translation>Mode: %1. When every rule holds: %2.</translation>
    </message>
    <message>
        <source>Licences that must be held: %1.</source>
        <translation>Licences that must be held: %1.</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>If not met</source>
        <translation>If not met</translation>
    </message>
    <message>
        <source>This document is generated from the service catalogue; where it differs from the laws and regulations cited, those prevail.</source>
        <translation>This document is generated from the service catalogue; where it differs from the laws and regulations cited, those prevail.</translation>
    </message>
    <message>
        <source>rendering a PDF needs a QGuiApplication (the offscreen platform will do)</source>
        <translation>rendering a PDF needs a QGuiApplication (the offscreen platform will do)</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>cannot write %1: %2</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>cannot write %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <source>Administrative licensing</source>
        <translation>Administrative licensing</translation>
    </message>
    <message>
        <source>Administrative payment</source>
        <translation>Administrative payment</translation>
    </message>
    <message>
        <source>Administrative confirmation</source>
        <translation>Administrative confirmation</translation>
    </message>
    <message>
        <source>Administrative reward</source>
        <translation>Administrative reward</translation>
    </message>
    <message>
        <source>Administrative adjudication</source>
        <translation>Administrative adjudication</translation>
    </message>
    <message>
        <source>Other administrative power</source>
        <translation>Other administrative power</translation>
    </message>
    <message>
        <source>Public service</source>
        <translation>Public service</translation>
    </message>
    <message>
        <source>Natural persons</source>
        <translation>Natural persons</translation>
    </message>
    <message>
        <source>Legal persons and other organisations</source>
        <translation>Legal persons and other organisations</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Electronic</source>
        <translation>Electronic</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>ID card number</source>
        <translation>ID card number</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Choice</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Amount of money</source>
        <translation>Amount of money</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Long text</source>
        <translation>Long text</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Window clerk</source>
        <translation>Window clerk</translation>
    </message>
    <message>
        <source>Department reviewer</source>
        <translation>Department reviewer</translation>
    </message>
    <message>
        <source>On-site inspector</source>
        <translation>On-site inspector</translation>
    </message>
    <message>
        <source>System (smart approval)</source>
        <translation>System (smart approval)</translation>
    </message>
    <message>
        <source>Collect at the window</source>
        <translation>Collect at the window</translation>
    </message>
    <message>
        <source>By post</source>
        <translation>By post</translation>
    </message>
    <message>
        <source>Electronic certificate</source>
        <translation>Electronic certificate</translation>
    </message>
    <message>
        <source>Approved on application</source>
        <translation>Approved on application</translation>
    </message>
    <message>
        <source>Granted without application</source>
        <translation>Granted without application</translation>
    </message>
    <message>
        <source>Based on licences already held</source>
        <translation>Based on licences already held</translation>
    </message>
    <message>
        <source>Based on shared information</source>
        <translation>Based on shared information</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Deny</translation>
    </message>
    <message>
        <source>Refer to a reviewer</source>
        <translation>Refer to a reviewer</translation>
    </message>
    <message>
        <source>unknown certificate type &quot;%1&quot;</source>
        <translation>unknown certificate type &quot;%1&quot;</translation>
    </message>
    <message>
        <source>use a camelCase name of letters and digits starting with a lower-case letter</source>
        <translation>use a camelCase name of letters and digits starting with a lower-case letter</translation>
    </message>
    <message>
        <source>is not a valid regular expression</source>
        <translation>is not a valid regular expression</translation>
    </message>
    <message>
        <source>is less than the minimum</source>
        <translation>is less than the minimum</translation>
    </message>
    <message>
        <source>only choice fields have options</source>
        <translation>only choice fields have options</translation>
    </message>
    <message>
        <source>must be a non-negative amount in yuan with at most two decimals</source>
        <translation>must be a non-negative amount in yuan with at most two decimals</translation>
    </message>
    <message>
        <source>a rule must be a JSONLogic operation (an object with one operator key)</source>
        <translation>a rule must be a JSONLogic operation (an object with one operator key)</translation>
    </message>
    <message>
        <source>a failed rule cannot approve</source>
        <translation>a failed rule cannot approve</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>must not be empty</translation>
    </message>
    <message>
        <source>granting without application needs outcome.certificateType: the licences it renews</source>
        <translation>granting without application needs outcome.certificateType: the licences it renews</translation>
    </message>
    <message>
        <source>use 3 to 40 upper-case letters, digits or hyphens</source>
        <translation>use 3 to 40 upper-case letters, digits or hyphens</translation>
    </message>
    <message>
        <source>write the title without 《》; citations add them</source>
        <translation>write the title without 《》; citations add them</translation>
    </message>
    <message>
        <source>the promised time limit (%1 working days) exceeds the legal one (%2)</source>
        <translation>the promised time limit (%1 working days) exceeds the legal one (%2)</translation>
    </message>
    <message numerus="yes">
        <source>a JSONLogic operation must be an object with exactly one operator key, not %n key(s)</source>
        <translation>
            <numerusform>a JSONLogic operation must be an object with exactly one operator key, not %n key(s)</numerusform>
            <numerusform>a JSONLogic operation must be an object with exactly one operator key, not %n key(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown JSONLogic operator &quot;%1&quot;</source>
        <translation>unknown JSONLogic operator &quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs an array and a rule to apply to its elements</source>
        <translation>&quot;%1&quot; needs an array and a rule to apply to its elements</translation>
    </message>
    <message>
        <source>rules cannot read &quot;%1&quot;; data starts with one of: %2</source>
        <translation>rules cannot read &quot;%1&quot;; data starts with one of: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a field of this item&apos;s form</source>
        <translation>&quot;%1&quot; is not a field of this item&apos;s form</translation>
    </message>
    <message>
        <source>duplicate &quot;%1&quot; (first at %2)</source>
        <translation>duplicate &quot;%1&quot; (first at %2)</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>must be an object</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>missing</translation>
    </message>
    <message>
        <source>must be a non-empty string</source>
        <translation>must be a non-empty string</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not valid: %2</source>
        <translation>&quot;%1&quot; is not valid: %2</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>must be true or false</translation>
    </message>
    <message>
        <source>must be a positive integer</source>
        <translation>must be a positive integer</translation>
    </message>
    <message>
        <source>must be a non-negative integer</source>
        <translation>must be a non-negative integer</translation>
    </message>
    <message>
        <source>must be an integer from %1 to %2</source>
        <translation>must be an integer from %1 to %2</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>must be a number</translation>
    </message>
    <message>
        <source>must be an array</source>
        <translation>must be an array</translation>
    </message>
    <message>
        <source>unknown member</source>
        <translation>unknown member</translation>
    </message>
    <message>
        <source>form field &quot;%1&quot; offers different choices in items %2 and %3</source>
        <translation>form field &quot;%1&quot; offers different choices in items %2 and %3</translation>
    </message>
    <message>
        <source>form field &quot;%1&quot; is of type %2 in item %3 but of type %4 in item %5</source>
        <translation>form field &quot;%1&quot; is of type %2 in item %3 but of type %4 in item %5</translation>
    </message>
    <message>
        <source>and</source>
        <translation>and</translation>
    </message>
    <message>
        <source>or</source>
        <translation>or</translation>
    </message>
    <message>
        <source>not (%1)</source>
        <translation>not (%1)</translation>
    </message>
    <message>
        <source>%1 is filled in</source>
        <translation>%1 is filled in</translation>
    </message>
    <message>
        <source>%1 is one of %2</source>
        <translation>%1 is one of %2</translation>
    </message>
    <message>
        <source>at least one of %1 with %2</source>
        <translation>at least one of %1 with %2</translation>
    </message>
    <message>
        <source>every one of %1 with %2</source>
        <translation>every one of %1 with %2</translation>
    </message>
    <message>
        <source>none of %1 with %2</source>
        <translation>none of %1 with %2</translation>
    </message>
    <message>
        <source>if %1 then %2, otherwise %3</source>
        <translation>if %1 then %2, otherwise %3</translation>
    </message>
    <message>
        <source>applicant&apos;s age</source>
        <translation>applicant&apos;s age</translation>
    </message>
    <message>
        <source>days until the licence expires</source>
        <translation>days until the licence expires</translation>
    </message>
    <message>
        <source>today</source>
        <translation>today</translation>
    </message>
    <message>
        <source>the element</source>
        <translation>the element</translation>
    </message>
    <message>
        <source>true</source>
        <translation>true</translation>
    </message>
    <message>
        <source>false</source>
        <translation>false</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>empty</translation>
    </message>
    <message>
        <source>%1 all filled in</source>
        <translation>%1 all filled in</translation>
    </message>
    <message>
        <source>something missing among %1</source>
        <translation>something missing among %1</translation>
    </message>
    <message>
        <source>「%1」 received</source>
        <translation>「%1」 received</translation>
    </message>
    <message>
        <source>use 1 to 8 capital letters or digits, starting with a letter</source>
        <translation>use 1 to 8 capital letters or digits, starting with a letter</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>not valid JSON (%1 at offset %2)</source>
        <translation>not valid JSON (%1 at offset %2)</translation>
    </message>
    <message>
        <source>a calendar file must contain a JSON object</source>
        <translation>a calendar file must contain a JSON object</translation>
    </message>
    <message>
        <source>unsupported calendar format: &quot;version&quot; must be %1</source>
        <translation>unsupported calendar format: &quot;version&quot; must be %1</translation>
    </message>
    <message>
        <source>&quot;year&quot; must be a year such as 2026</source>
        <translation>&quot;year&quot; must be a year such as 2026</translation>
    </message>
    <message>
        <source>&quot;holidays&quot; must be a list</source>
        <translation>&quot;holidays&quot; must be a list</translation>
    </message>
    <message>
        <source>holiday %1</source>
        <translation>holiday %1</translation>
    </message>
    <message>
        <source>%1 has no &quot;name&quot;</source>
        <translation>%1 has no &quot;name&quot;</translation>
    </message>
    <message>
        <source>%1 (%2) has no &quot;days&quot;</source>
        <translation>%1 (%2) has no &quot;days&quot;</translation>
    </message>
    <message>
        <source>&quot;makeupWorkdays&quot; must be a list</source>
        <translation>&quot;makeupWorkdays&quot; must be a list</translation>
    </message>
    <message>
        <source>make-up workdays</source>
        <translation>make-up workdays</translation>
    </message>
    <message>
        <source>the make-up workday %1 is not a Saturday or Sunday</source>
        <translation>the make-up workday %1 is not a Saturday or Sunday</translation>
    </message>
    <message>
        <source>%1: dates must be strings in the form YYYY-MM-DD</source>
        <translation>%1: dates must be strings in the form YYYY-MM-DD</translation>
    </message>
    <message>
        <source>%1: “%2” is not a date in the form YYYY-MM-DD</source>
        <translation>%1: “%2” is not a date in the form YYYY-MM-DD</translation>
    </message>
    <message>
        <source>%1: %2 is too far from the calendar&apos;s year %3</source>
        <translation>%1: %2 is too far from the calendar&apos;s year %3</translation>
    </message>
    <message>
        <source>%1 is already listed as a holiday (%2)</source>
        <translation>%1 is already listed as a holiday (%2)</translation>
    </message>
    <message>
        <source>%1 is listed more than once as a make-up workday</source>
        <translation>%1 is listed more than once as a make-up workday</translation>
    </message>
    <message>
        <source>an undefined value cannot be written as JSON</source>
        <translation>an undefined value cannot be written as JSON</translation>
    </message>
    <message>
        <source>a string contains an unpaired surrogate (U+%1), which JSON cannot carry</source>
        <translation>a string contains an unpaired surrogate (U+%1), which JSON cannot carry</translation>
    </message>
    <message>
        <source>the integer %1 is too large for JSON numbers; store it as a string</source>
        <translation>the integer %1 is too large for JSON numbers; store it as a string</translation>
    </message>
    <message>
        <source>%1 is not a number JSON can represent</source>
        <translation>%1 is not a number JSON can represent</translation>
    </message>
    <message>
        <source>no ID card number was given</source>
        <translation>no ID card number was given</translation>
    </message>
    <message>
        <source>the character “%1” at position %2 is not allowed in an ID card number</source>
        <translation>the character “%1” at position %2 is not allowed in an ID card number</translation>
    </message>
    <message>
        <source>an ID card number has 18 characters (or 15 for old cards), not %1</source>
        <translation>an ID card number has 18 characters (or 15 for old cards), not %1</translation>
    </message>
    <message>
        <source>only the last character of an 18-digit ID card number may be X</source>
        <translation>only the last character of an 18-digit ID card number may be X</translation>
    </message>
    <message>
        <source>“%1” is not the code of a province, autonomous region or municipality</source>
        <translation>“%1” is not the code of a province, autonomous region or municipality</translation>
    </message>
    <message>
        <source>“%1” is not a valid date of birth</source>
        <translation>“%1” is not a valid date of birth</translation>
    </message>
    <message>
        <source>the date of birth %1 is before 1900</source>
        <translation>the date of birth %1 is before 1900</translation>
    </message>
    <message>
        <source>the date of birth %1 is in the future</source>
        <translation>the date of birth %1 is in the future</translation>
    </message>
    <message>
        <source>the check digit should be %1, not %2</source>
        <translation>the check digit should be %1, not %2</translation>
    </message>
    <message>
        <source>male</source>
        <translation>male</translation>
    </message>
    <message>
        <source>female</source>
        <translation>female</translation>
    </message>
    <message>
        <source>organisational staffing</source>
        <translation>organisational staffing</translation>
    </message>
    <message>
        <source>foreign affairs</source>
        <translation>foreign affairs</translation>
    </message>
    <message>
        <source>judicial administration</source>
        <translation>judicial administration</translation>
    </message>
    <message>
        <source>culture</source>
        <translation>culture</translation>
    </message>
    <message>
        <source>civil affairs</source>
        <translation>civil affairs</translation>
    </message>
    <message>
        <source>tourism</source>
        <translation>tourism</translation>
    </message>
    <message>
        <source>religious affairs</source>
        <translation>religious affairs</translation>
    </message>
    <message>
        <source>trade unions</source>
        <translation>trade unions</translation>
    </message>
    <message>
        <source>market regulation</source>
        <translation>market regulation</translation>
    </message>
    <message>
        <source>Reform and Organisation Office of the Central Military Commission</source>
        <translation>Reform and Organisation Office of the Central Military Commission</translation>
    </message>
    <message>
        <source>agriculture</source>
        <translation>agriculture</translation>
    </message>
    <message>
        <source>other</source>
        <translation>other</translation>
    </message>
    <message>
        <source>government organ</source>
        <translation>government organ</translation>
    </message>
    <message>
        <source>public institution</source>
        <translation>public institution</translation>
    </message>
    <message>
        <source>mass organisation staffed by the central staffing office</source>
        <translation>mass organisation staffed by the central staffing office</translation>
    </message>
    <message>
        <source>resident office of a foreign news agency</source>
        <translation>resident office of a foreign news agency</translation>
    </message>
    <message>
        <source>law firm</source>
        <translation>law firm</translation>
    </message>
    <message>
        <source>notary office</source>
        <translation>notary office</translation>
    </message>
    <message>
        <source>grassroots legal service office</source>
        <translation>grassroots legal service office</translation>
    </message>
    <message>
        <source>forensic appraisal institution</source>
        <translation>forensic appraisal institution</translation>
    </message>
    <message>
        <source>arbitration commission</source>
        <translation>arbitration commission</translation>
    </message>
    <message>
        <source>foreign cultural centre in China</source>
        <translation>foreign cultural centre in China</translation>
    </message>
    <message>
        <source>social organisation</source>
        <translation>social organisation</translation>
    </message>
    <message>
        <source>private non-enterprise unit</source>
        <translation>private non-enterprise unit</translation>
    </message>
    <message>
        <source>foundation</source>
        <translation>foundation</translation>
    </message>
    <message>
        <source>resident office of a foreign tourism authority</source>
        <translation>resident office of a foreign tourism authority</translation>
    </message>
    <message>
        <source>resident office of a Hong Kong, Macao or Taiwan tourism authority</source>
        <translation>resident office of a Hong Kong, Macao or Taiwan tourism authority</translation>
    </message>
    <message>
        <source>religious venue</source>
        <translation>religious venue</translation>
    </message>
    <message>
        <source>religious school</source>
        <translation>religious school</translation>
    </message>
    <message>
        <source>grassroots trade union</source>
        <translation>grassroots trade union</translation>
    </message>
    <message>
        <source>enterprise</source>
        <translation>enterprise</translation>
    </message>
    <message>
        <source>individual business</source>
        <translation>individual business</translation>
    </message>
    <message>
        <source>farmers&apos; specialised cooperative</source>
        <translation>farmers&apos; specialised cooperative</translation>
    </message>
    <message>
        <source>military public institution</source>
        <translation>military public institution</translation>
    </message>
    <message>
        <source>group-level collective economic organisation</source>
        <translation>group-level collective economic organisation</translation>
    </message>
    <message>
        <source>village-level collective economic organisation</source>
        <translation>village-level collective economic organisation</translation>
    </message>
    <message>
        <source>township-level collective economic organisation</source>
        <translation>township-level collective economic organisation</translation>
    </message>
    <message>
        <source>no unified social credit code was given</source>
        <translation>no unified social credit code was given</translation>
    </message>
    <message>
        <source>the character “%1” at position %2 is not used in unified social credit codes</source>
        <translation>the character “%1” at position %2 is not used in unified social credit codes</translation>
    </message>
    <message>
        <source>a unified social credit code has 18 characters, not %1</source>
        <translation>a unified social credit code has 18 characters, not %1</translation>
    </message>
    <message>
        <source>“%1” is not the code of a registration authority</source>
        <translation>“%1” is not the code of a registration authority</translation>
    </message>
    <message>
        <source>“%1” is not an organisation type of registration authority “%2”</source>
        <translation>“%1” is not an organisation type of registration authority “%2”</translation>
    </message>
    <message>
        <source>the region code “%1” (characters 3 to 8) must be six digits</source>
        <translation>the region code “%1” (characters 3 to 8) must be six digits</translation>
    </message>
    <message>
        <source>the check character should be %1, not %2</source>
        <translation>the check character should be %1, not %2</translation>
    </message>
    <message>
        <source>%1: %2 is a make-up workday here but a holiday in the calendar for %3</source>
        <translation>%1: %2 is a make-up workday here but a holiday in the calendar for %3</translation>
    </message>
    <message>
        <source>%1: %2 is a holiday here but a make-up workday in the calendar for %3</source>
        <translation>%1: %2 is a holiday here but a make-up workday in the calendar for %3</translation>
    </message>
    <message>
        <source>%1: cannot read the calendar file: %2</source>
        <translation>%1: cannot read the calendar file: %2</translation>
    </message>
    <message>
        <source>%1: the calendar folder does not exist</source>
        <translation>%1: the calendar folder does not exist</translation>
    </message>
    <message>
        <source>no working-day calendar is loaded for %1, so time limits reaching into that year cannot be computed; add the holiday calendar for %1</source>
        <translation>no working-day calendar is loaded for %1, so time limits reaching into that year cannot be computed; add the holiday calendar for %1</translation>
    </message>
    <message>
        <source>&quot;scope&quot; must be &quot;national&quot;, &quot;provisional&quot; or &quot;local&quot;, not &quot;%1&quot;</source>
        <translation>&quot;scope&quot; must be &quot;national&quot;, &quot;provisional&quot; or &quot;local&quot;, not &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>HandoutPage</name>
    <message>
        <source>Find the case</source>
        <translation>Find the case</translation>
    </message>
    <message>
        <source>Case number, ID number or &amp;QR code:</source>
        <translation>Case number, ID number or &amp;QR code:</translation>
    </message>
    <message>
        <source>Type or scan, then press Enter</source>
        <translation>Type or scan, then press Enter</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>Hand out the result</source>
        <translation>Hand out the result</translation>
    </message>
    <message>
        <source>&amp;In person</source>
        <translation>&amp;In person</translation>
    </message>
    <message>
        <source>By a dele&amp;gate</source>
        <translation>By a dele&amp;gate</translation>
    </message>
    <message>
        <source>By &amp;mail</source>
        <translation>By &amp;mail</translation>
    </message>
    <message>
        <source>Check the applicant&apos;s ID card; the applicant signs the printed delivery receipt.</source>
        <translation>Check the applicant&apos;s ID card; the applicant signs the printed delivery receipt.</translation>
    </message>
    <message>
        <source>Delegate&apos;s &amp;name:</source>
        <translation>Delegate&apos;s &amp;name:</translation>
    </message>
    <message>
        <source>Delegate&apos;s ID n&amp;umber:</source>
        <translation>Delegate&apos;s ID n&amp;umber:</translation>
    </message>
    <message>
        <source>Keep the applicant&apos;s letter of authorisation with the case file; the delegate signs the receipt.</source>
        <translation>Keep the applicant&apos;s letter of authorisation with the case file; the delegate signs the receipt.</translation>
    </message>
    <message>
        <source>Mailing &amp;address:</source>
        <translation>Mailing &amp;address:</translation>
    </message>
    <message>
        <source>Postal ca&amp;rrier:</source>
        <translation>Postal ca&amp;rrier:</translation>
    </message>
    <message>
        <source>&amp;Tracking number:</source>
        <translation>&amp;Tracking number:</translation>
    </message>
    <message>
        <source>&amp;Deliver and print receipt</source>
        <translation>&amp;Deliver and print receipt</translation>
    </message>
    <message>
        <source>Receive the supplementary materials (补正收件)</source>
        <translation>Receive the supplementary materials (补正收件)</translation>
    </message>
    <message>
        <source>The applicant brought what the reviewing department asked for: the time limit runs again</source>
        <translation>The applicant brought what the reviewing department asked for: the time limit runs again</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>&amp;Department:</source>
        <translation>&amp;Department:</translation>
    </message>
    <message>
        <source>Case number, applicant or item (Ctrl+F)</source>
        <translation>Case number, applicant or item (Ctrl+F)</translation>
    </message>
    <message>
        <source>Service item</source>
        <translation>Service item</translation>
    </message>
    <message>
        <source>Office of origin</source>
        <translation>Office of origin</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>Claimed by</source>
        <translation>Claimed by</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation>&amp;Release</translation>
    </message>
    <message>
        <source>&amp;Claim (Ctrl+L)</source>
        <translation>&amp;Claim (Ctrl+L)</translation>
    </message>
    <message>
        <source>&amp;Open (Enter)</source>
        <translation>&amp;Open (Enter)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in — OneWindow</source>
        <translation>Sign in — OneWindow</translation>
    </message>
    <message>
        <source>OneWindow comprehensive service workstation</source>
        <translation>OneWindow comprehensive service workstation</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>&amp;Central server:</source>
        <translation>&amp;Central server:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>OneWindow</source>
        <translation>OneWindow</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;About OneWindow</source>
        <translation>&amp;About OneWindow</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>One window accepts, the back office reviews by department, one window hands out results.</source>
        <translation>One window accepts, the back office reviews by department, one window hands out results.</translation>
    </message>
    <message>
        <source>This workstation</source>
        <translation>This workstation</translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation>Operator:</translation>
    </message>
    <message>
        <source>Central server:</source>
        <translation>Central server:</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>Connection:</translation>
    </message>
    <message>
        <source>Server version:</source>
        <translation>Server version:</translation>
    </message>
    <message>
        <source>Local store:</source>
        <translation>Local store:</translation>
    </message>
    <message>
        <source>Workstation version:</source>
        <translation>Workstation version:</translation>
    </message>
    <message>
        <source>&amp;Check connection now</source>
        <translation>&amp;Check connection now</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print certificates</source>
        <translation>Print certificates</translation>
    </message>
    <message>
        <source>P&amp;rinter:</source>
        <translation>P&amp;rinter:</translation>
    </message>
    <message>
        <source>&amp;Calibrate…</source>
        <translation>&amp;Calibrate…</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Folder:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>&amp;Paper:</translation>
    </message>
    <message>
        <source>First &amp;serial number:</source>
        <translation>First &amp;serial number:</translation>
    </message>
    <message>
        <source>The number printed on the first blank sheet, e.g. SC0000451</source>
        <translation>The number printed on the first blank sheet, e.g. SC0000451</translation>
    </message>
    <message>
        <source>&amp;Reason for the reprint:</source>
        <translation>&amp;Reason for the reprint:</translation>
    </message>
</context>
<context>
    <name>PrintQueuePage</name>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Find:</translation>
    </message>
    <message>
        <source>Case number, certificate number, holder or ID number</source>
        <translation>Case number, certificate number, holder or ID number</translation>
    </message>
    <message>
        <source>Show &amp;printed certificates</source>
        <translation>Show &amp;printed certificates</translation>
    </message>
    <message>
        <source>Printed certificates are listed too, for a reprint or a spoiled sheet</source>
        <translation>Printed certificates are listed too, for a reprint or a spoiled sheet</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Print the chosen certificates (Enter or F5)</source>
        <translation>Print the chosen certificates (Enter or F5)</translation>
    </message>
    <message>
        <source>Pre&amp;view…</source>
        <translation>Pre&amp;view…</translation>
    </message>
    <message>
        <source>Show the chosen certificates marked 预览 — 无效 (Ctrl+P)</source>
        <translation>Show the chosen certificates marked 预览 — 无效 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Re&amp;print…</source>
        <translation>Re&amp;print…</translation>
    </message>
    <message>
        <source>Print a certificate again; the reason goes into the print log</source>
        <translation>Print a certificate again; the reason goes into the print log</translation>
    </message>
    <message>
        <source>&amp;Spoiled sheet…</source>
        <translation>&amp;Spoiled sheet…</translation>
    </message>
    <message>
        <source>A sheet of certificate paper jammed or came out wrong: void its serial number</source>
        <translation>A sheet of certificate paper jammed or came out wrong: void its serial number</translation>
    </message>
    <message>
        <source>Verify a certificate…</source>
        <translation>Verify a certificate…</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Notice of Acceptance</source>
        <translation>Notice of Acceptance</translation>
    </message>
    <message>
        <source>One-Time Notice of Missing Materials</source>
        <translation>One-Time Notice of Missing Materials</translation>
    </message>
    <message>
        <source>Notice of Refusal to Accept</source>
        <translation>Notice of Refusal to Accept</translation>
    </message>
    <message>
        <source>It is not a OneWindow certificate code: it does not start with %1.</source>
        <translation>It is not a OneWindow certificate code: it does not start with %1.</translation>
    </message>
    <message>
        <source>The code is damaged or incomplete: it must have two parts separated by a dot.</source>
        <translation>The code is damaged or incomplete: it must have two parts separated by a dot.</translation>
    </message>
    <message>
        <source>The code is damaged: it contains characters that do not belong in it.</source>
        <translation>The code is damaged: it contains characters that do not belong in it.</translation>
    </message>
    <message>
        <source>The code is damaged or incomplete: its signature has %1 bytes instead of %2.</source>
        <translation>The code is damaged or incomplete: its signature has %1 bytes instead of %2.</translation>
    </message>
    <message>
        <source>The code is damaged: its details cannot be read.</source>
        <translation>The code is damaged: its details cannot be read.</translation>
    </message>
    <message>
        <source>The code is damaged: its details are not in the canonical form that is signed.</source>
        <translation>The code is damaged: its details are not in the canonical form that is signed.</translation>
    </message>
    <message>
        <source>The code states &quot;%1&quot;, which is not a certificate detail.</source>
        <translation>The code states &quot;%1&quot;, which is not a certificate detail.</translation>
    </message>
    <message>
        <source>The code&apos;s detail &quot;%1&quot; is not text.</source>
        <translation>The code&apos;s detail &quot;%1&quot; is not text.</translation>
    </message>
    <message>
        <source>The code lacks the certificate detail &quot;%1&quot;.</source>
        <translation>The code lacks the certificate detail &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The code&apos;s date &quot;%1&quot; is not a valid date.</source>
        <translation>The code&apos;s date &quot;%1&quot; is not a valid date.</translation>
    </message>
    <message>
        <source>No SM2 key could be generated: this OpenSSL has no SM2 support.</source>
        <translation>No SM2 key could be generated: this OpenSSL has no SM2 support.</translation>
    </message>
    <message>
        <source>This is not an SM2 private key in PEM format.</source>
        <translation>This is not an SM2 private key in PEM format.</translation>
    </message>
    <message>
        <source>This is not an SM2 public key in PEM format.</source>
        <translation>This is not an SM2 public key in PEM format.</translation>
    </message>
    <message>
        <source>There is no private key to write.</source>
        <translation>There is no private key to write.</translation>
    </message>
    <message>
        <source>Cannot restrict the permissions of %1: %2</source>
        <translation>Cannot restrict the permissions of %1: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>Signing a certificate needs the authority&apos;s private key.</source>
        <translation>Signing a certificate needs the authority&apos;s private key.</translation>
    </message>
    <message>
        <source>The certificate could not be signed (SM2 signing failed).</source>
        <translation>The certificate could not be signed (SM2 signing failed).</translation>
    </message>
    <message>
        <source>The code names the issuing authority &quot;%1&quot;, whose public key is not known here: update the catalogue or check the certificate with that authority.</source>
        <translation>The code names the issuing authority &quot;%1&quot;, whose public key is not known here: update the catalogue or check the certificate with that authority.</translation>
    </message>
    <message>
        <source>The public key of the issuing authority &quot;%1&quot; cannot be used: %2</source>
        <translation>The public key of the issuing authority &quot;%1&quot; cannot be used: %2</translation>
    </message>
    <message>
        <source>The signature does not match these details: they were changed after signing, or the code was not issued by &quot;%1&quot;.</source>
        <translation>The signature does not match these details: they were changed after signing, or the code was not issued by &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>genuine</source>
        <translation>genuine</translation>
    </message>
    <message>
        <source>forged</source>
        <translation>forged</translation>
    </message>
    <message>
        <source>malformed</source>
        <translation>malformed</translation>
    </message>
    <message>
        <source>unknown authority</source>
        <translation>unknown authority</translation>
    </message>
    <message>
        <source>Delivery Receipt</source>
        <translation>Delivery Receipt</translation>
    </message>
    <message>
        <source>In person at the window</source>
        <translation>In person at the window</translation>
    </message>
    <message>
        <source>Collected by an authorised delegate</source>
        <translation>Collected by an authorised delegate</translation>
    </message>
    <message>
        <source>By mail</source>
        <translation>By mail</translation>
    </message>
    <message>
        <source>unknown property (expected one of: %1)</source>
        <translation>unknown property (expected one of: %1)</translation>
    </message>
    <message>
        <source>is required and must be text</source>
        <translation>is required and must be text</translation>
    </message>
    <message>
        <source>must be a list of font family names</source>
        <translation>must be a list of font family names</translation>
    </message>
    <message>
        <source>must be between 2 and 400 points</source>
        <translation>must be between 2 and 400 points</translation>
    </message>
    <message>
        <source>the field &quot;%1&quot; is declared twice</source>
        <translation>the field &quot;%1&quot; is declared twice</translation>
    </message>
    <message>
        <source>is not a colour (write e.g. &quot;#c00000&quot;)</source>
        <translation>is not a colour (write e.g. &quot;#c00000&quot;)</translation>
    </message>
    <message>
        <source>unknown element type &quot;%1&quot; (expected one of: %2)</source>
        <translation>unknown element type &quot;%1&quot; (expected one of: %2)</translation>
    </message>
    <message>
        <source>must be &quot;plain&quot; (plain paper only) or &quot;both&quot; (also on pre-printed stock)</source>
        <translation>must be &quot;plain&quot; (plain paper only) or &quot;both&quot; (also on pre-printed stock)</translation>
    </message>
    <message>
        <source>must be between 0 and 1</source>
        <translation>must be between 0 and 1</translation>
    </message>
    <message>
        <source>unknown format &quot;%1&quot; (expected &quot;date&quot;)</source>
        <translation>unknown format &quot;%1&quot; (expected &quot;date&quot;)</translation>
    </message>
    <message>
        <source>must be [x, y, width, height] in millimetres</source>
        <translation>must be [x, y, width, height] in millimetres</translation>
    </message>
    <message>
        <source>the width and height must be greater than zero</source>
        <translation>the width and height must be greater than zero</translation>
    </message>
    <message>
        <source>the box (x %1, y %2, %3 × %4 mm) extends beyond the %5 × %6 mm page</source>
        <translation>the box (x %1, y %2, %3 × %4 mm) extends beyond the %5 × %6 mm page</translation>
    </message>
    <message>
        <source>must be &quot;none&quot;, &quot;shrink&quot; or &quot;wrap&quot;</source>
        <translation>must be &quot;none&quot;, &quot;shrink&quot; or &quot;wrap&quot;</translation>
    </message>
    <message>
        <source>must be at least 2 points and not larger than the font size (%1 pt)</source>
        <translation>must be at least 2 points and not larger than the font size (%1 pt)</translation>
    </message>
    <message>
        <source>must be &quot;left&quot;, &quot;center&quot;, &quot;right&quot; or &quot;justify&quot;</source>
        <translation>must be &quot;left&quot;, &quot;center&quot;, &quot;right&quot; or &quot;justify&quot;</translation>
    </message>
    <message>
        <source>must be &quot;top&quot;, &quot;middle&quot; or &quot;bottom&quot;</source>
        <translation>must be &quot;top&quot;, &quot;middle&quot; or &quot;bottom&quot;</translation>
    </message>
    <message>
        <source>unknown field &quot;%1&quot;: declare it under &quot;fields&quot; (declared: %2)</source>
        <translation>unknown field &quot;%1&quot;: declare it under &quot;fields&quot; (declared: %2)</translation>
    </message>
    <message>
        <source>cannot read the image %1</source>
        <translation>cannot read the image %1</translation>
    </message>
    <message>
        <source>must be between 0 and 20 millimetres</source>
        <translation>must be between 0 and 20 millimetres</translation>
    </message>
    <message>
        <source>Cannot read the template %1: %2</source>
        <translation>Cannot read the template %1: %2</translation>
    </message>
    <message>
        <source>There is no template file or built-in template called &quot;%1&quot; (built-in: %2).</source>
        <translation>There is no template file or built-in template called &quot;%1&quot; (built-in: %2).</translation>
    </message>
    <message>
        <source>The template &quot;%1&quot; needs the field &quot;%2&quot; (%3), which has no value.</source>
        <translation>The template &quot;%1&quot; needs the field &quot;%2&quot; (%3), which has no value.</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is too long for a QR code.</source>
        <translation>The field &quot;%1&quot; is too long for a QR code.</translation>
    </message>
    <message>
        <source>The certificate cannot be drawn on this device.</source>
        <translation>The certificate cannot be drawn on this device.</translation>
    </message>
    <message>
        <source>The certificate could not be written to %1.</source>
        <translation>The certificate could not be written to %1.</translation>
    </message>
    <message>
        <source>not valid JSON at offset %1: %2</source>
        <translation>not valid JSON at offset %1: %2</translation>
    </message>
    <message>
        <source>a template is a JSON object</source>
        <translation>a template is a JSON object</translation>
    </message>
    <message>
        <source>must be &quot;%1&quot;</source>
        <translation>must be &quot;%1&quot;</translation>
    </message>
    <message>
        <source>only version 1 is understood</source>
        <translation>only version 1 is understood</translation>
    </message>
    <message>
        <source>needs widthMm and heightMm between 0 and %1 millimetres</source>
        <translation>needs widthMm and heightMm between 0 and %1 millimetres</translation>
    </message>
    <message>
        <source>must be a list of elements</source>
        <translation>must be a list of elements</translation>
    </message>
    <message>
        <source>Notice to Supplement Materials</source>
        <translation>Notice to Supplement Materials</translation>
    </message>
    <message>
        <source>The certificate record lacks &quot;%1&quot;.</source>
        <translation>The certificate record lacks &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The certificate record&apos;s &quot;%1&quot; is not a date: &quot;%2&quot;.</source>
        <translation>The certificate record&apos;s &quot;%1&quot; is not a date: &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>The issuing authority&apos;s code is missing.</source>
        <translation>The issuing authority&apos;s code is missing.</translation>
    </message>
    <message>
        <source>The certificate record ends (%1) before it begins (%2).</source>
        <translation>The certificate record ends (%1) before it begins (%2).</translation>
    </message>
    <message>
        <source>The notice template &quot;%1&quot; cannot be used: %2</source>
        <translation>The notice template &quot;%1&quot; cannot be used: %2</translation>
    </message>
    <message>
        <source>The %1 cannot be printed: %2</source>
        <translation>The %1 cannot be printed: %2</translation>
    </message>
    <message>
        <source>must be &quot;all&quot;, &quot;first&quot; (the first page only) or &quot;rest&quot; (the pages a flow continues on)</source>
        <translation>must be &quot;all&quot;, &quot;first&quot; (the first page only) or &quot;rest&quot; (the pages a flow continues on)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a list field; a QR code shows a single value</source>
        <translation>&quot;%1&quot; is a list field; a QR code shows a single value</translation>
    </message>
    <message>
        <source>must name a field, as &quot;field&quot; (has a value) or &quot;field=value&quot;</source>
        <translation>must name a field, as &quot;field&quot; (has a value) or &quot;field=value&quot;</translation>
    </message>
    <message>
        <source>the placeholder {%1} names no declared field (declared: %2)</source>
        <translation>the placeholder {%1} names no declared field (declared: %2)</translation>
    </message>
    <message>
        <source>the placeholder {%1} has an unknown format &quot;%2&quot; (expected &quot;date&quot;)</source>
        <translation>the placeholder {%1} has an unknown format &quot;%2&quot; (expected &quot;date&quot;)</translation>
    </message>
    <message>
        <source>has a &quot;{&quot; or &quot;}&quot; that is not part of a {field} placeholder</source>
        <translation>has a &quot;{&quot; or &quot;}&quot; that is not part of a {field} placeholder</translation>
    </message>
    <message>
        <source>must be a number from %1 to %2%3</source>
        <translation>must be a number from %1 to %2%3</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <source>must be as wide as the box (%1 mm): the content is laid out once for both</source>
        <translation>must be as wide as the box (%1 mm): the content is laid out once for both</translation>
    </message>
    <message>
        <source>must be a list of at least one block</source>
        <translation>must be a list of at least one block</translation>
    </message>
    <message>
        <source>unknown block type &quot;%1&quot; (expected one of: %2)</source>
        <translation>unknown block type &quot;%1&quot; (expected one of: %2)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a list field: declare it with &quot;list&quot;: true</source>
        <translation>&quot;%1&quot; is not a list field: declare it with &quot;list&quot;: true</translation>
    </message>
    <message>
        <source>is required and must be a number</source>
        <translation>is required and must be a number</translation>
    </message>
    <message>
        <source>must be [x, y, width, height] in millimetres from the flow&apos;s left edge and the block&apos;s place, with a width and height greater than zero</source>
        <translation>must be [x, y, width, height] in millimetres from the flow&apos;s left edge and the block&apos;s place, with a width and height greater than zero</translation>
    </message>
    <message>
        <source>A single paragraph of &quot;%1&quot; is longer than a page: shorten it.</source>
        <translation>A single paragraph of &quot;%1&quot; is longer than a page: shorten it.</translation>
    </message>
    <message>
        <source>The content of &quot;%1&quot; does not fit on the page even in %2 pt type: it needs %3 mm where the template leaves %4 mm. Shorten the lists or split them.</source>
        <translation>The content of &quot;%1&quot; does not fit on the page even in %2 pt type: it needs %3 mm where the template leaves %4 mm. Shorten the lists or split them.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>QSqlDriver</name>
    <message>
        <source>Unable to execute statement</source>
        <translation>Unable to execute statement</translation>
    </message>
    <message>
        <source>Unable to execute multiple statements at a time</source>
        <translation>Unable to execute multiple statements at a time</translation>
    </message>
    <message>
        <source>Parameter count mismatch</source>
        <translation>Parameter count mismatch</translation>
    </message>
    <message>
        <source>Unable to bind parameters</source>
        <translation>Unable to bind parameters</translation>
    </message>
    <message>
        <source>Unable to reset statement</source>
        <translation>Unable to reset statement</translation>
    </message>
    <message>
        <source>Unable to fetch row</source>
        <translation>Unable to fetch row</translation>
    </message>
    <message>
        <source>Error opening database</source>
        <translation>Error opening database</translation>
    </message>
    <message>
        <source>Error closing database</source>
        <translation>Error closing database</translation>
    </message>
    <message>
        <source>Unable to begin transaction</source>
        <translation>Unable to begin transaction</translation>
    </message>
    <message>
        <source>Unable to commit transaction</source>
        <translation>Unable to commit transaction</translation>
    </message>
    <message>
        <source>Unable to rollback transaction</source>
        <translation>Unable to rollback transaction</translation>
    </message>
</context>
<context>
    <name>Queue</name>
    <message>
        <source>Ordinary</source>
        <translation>Ordinary</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <source>Elderly</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>Called</translation>
    </message>
    <message>
        <source>Being served</source>
        <translation>Being served</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Parked</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>Very satisfied</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>Basically satisfied</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>Very dissatisfied</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <source>There is no window %1.</source>
        <translation>There is no window %1.</translation>
    </message>
    <message>
        <source>Window %1 is paused; resume it first.</source>
        <translation>Window %1 is paused; resume it first.</translation>
    </message>
    <message>
        <source>Window %1 still has ticket %2; finish it, park it or mark it as a no-show first.</source>
        <translation>Window %1 still has ticket %2; finish it, park it or mark it as a no-show first.</translation>
    </message>
    <message>
        <source>There is no service category %1.</source>
        <translation>There is no service category %1.</translation>
    </message>
    <message>
        <source>Nobody is waiting for window %1.</source>
        <translation>Nobody is waiting for window %1.</translation>
    </message>
    <message>
        <source>There is no ticket %1 today.</source>
        <translation>There is no ticket %1 today.</translation>
    </message>
    <message>
        <source>Ticket %1 cannot be called: it is %2.</source>
        <translation>Ticket %1 cannot be called: it is %2.</translation>
    </message>
    <message>
        <source>Window %1 has no called ticket to call again.</source>
        <translation>Window %1 has no called ticket to call again.</translation>
    </message>
    <message>
        <source>Window %1 has no called ticket to give up.</source>
        <translation>Window %1 has no called ticket to give up.</translation>
    </message>
    <message>
        <source>Window %1 has no ticket to park.</source>
        <translation>Window %1 has no ticket to park.</translation>
    </message>
    <message>
        <source>Window %1 has no ticket to transfer.</source>
        <translation>Window %1 has no ticket to transfer.</translation>
    </message>
    <message>
        <source>A ticket cannot be transferred to the window it is at.</source>
        <translation>A ticket cannot be transferred to the window it is at.</translation>
    </message>
    <message>
        <source>Window %1 has no called ticket to serve.</source>
        <translation>Window %1 has no called ticket to serve.</translation>
    </message>
    <message>
        <source>Window %1 is not serving anyone.</source>
        <translation>Window %1 is not serving anyone.</translation>
    </message>
    <message>
        <source>Only a finished service can be evaluated.</source>
        <translation>Only a finished service can be evaluated.</translation>
    </message>
    <message>
        <source>Ticket %1 has already been evaluated.</source>
        <translation>Ticket %1 has already been evaluated.</translation>
    </message>
    <message>
        <source>A reason is recorded only with a dissatisfied evaluation.</source>
        <translation>A reason is recorded only with a dissatisfied evaluation.</translation>
    </message>
    <message>
        <source>Window %1 still has ticket %2; finish it first.</source>
        <translation>Window %1 still has ticket %2; finish it first.</translation>
    </message>
    <message>
        <source>The stored queue ticket %1 cannot be read by this version of OneWindow (priority &quot;%2&quot;, state &quot;%3&quot;).</source>
        <translation>The stored queue ticket %1 cannot be read by this version of OneWindow (priority &quot;%2&quot;, state &quot;%3&quot;).</translation>
    </message>
    <message>
        <source>The queue of %1 cannot be loaded from the tickets of %2.</source>
        <translation>The queue of %1 cannot be loaded from the tickets of %2.</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>&amp;Window:</source>
        <translation>&amp;Window:</translation>
    </message>
    <message>
        <source>Pause window (F9)</source>
        <translation>Pause window (F9)</translation>
    </message>
    <message>
        <source>At this window</source>
        <translation>At this window</translation>
    </message>
    <message>
        <source>Calling</source>
        <translation>Calling</translation>
    </message>
    <message>
        <source>Call next (F2)</source>
        <translation>Call next (F2)</translation>
    </message>
    <message>
        <source>Call again (F3)</source>
        <translation>Call again (F3)</translation>
    </message>
    <message>
        <source>Start service (F4)</source>
        <translation>Start service (F4)</translation>
    </message>
    <message>
        <source>Finish service (F5)</source>
        <translation>Finish service (F5)</translation>
    </message>
    <message>
        <source>No-show (F6)</source>
        <translation>No-show (F6)</translation>
    </message>
    <message>
        <source>Park (F7)</source>
        <translation>Park (F7)</translation>
    </message>
    <message>
        <source>Transfer… (F8)</source>
        <translation>Transfer… (F8)</translation>
    </message>
    <message>
        <source>Call back parked (F10)</source>
        <translation>Call back parked (F10)</translation>
    </message>
    <message>
        <source>Call n&amp;umber (Ctrl+G):</source>
        <translation>Call n&amp;umber (Ctrl+G):</translation>
    </message>
    <message>
        <source>e.g. A012</source>
        <translation>e.g. A012</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>Waiting for this window (green channel first)</source>
        <translation>Waiting for this window (green channel first)</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Parked</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Window</translation>
    </message>
</context>
<context>
    <name>Server</name>
    <message>
        <source>Cannot read the TLS certificate %1: %2</source>
        <translation>Cannot read the TLS certificate %1: %2</translation>
    </message>
    <message>
        <source>Cannot read the TLS key %1: %2</source>
        <translation>Cannot read the TLS key %1: %2</translation>
    </message>
    <message>
        <source>The TLS certificate or key is not valid PEM.</source>
        <translation>The TLS certificate or key is not valid PEM.</translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2 (in use, or not permitted).</source>
        <translation>Cannot listen on %1 port %2 (in use, or not permitted).</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation>Unexpected argument &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Option %1 needs a value.</source>
        <translation>Option %1 needs a value.</translation>
    </message>
    <message>
        <source>--listen: &quot;%1&quot; is not an IP address.</source>
        <translation>--listen: &quot;%1&quot; is not an IP address.</translation>
    </message>
    <message>
        <source>--port: &quot;%1&quot; is not a port number (0–65535).</source>
        <translation>--port: &quot;%1&quot; is not a port number (0–65535).</translation>
    </message>
    <message>
        <source>--database: expected postgresql://USER:PASSWORD@HOST:PORT/DB.</source>
        <translation>--database: expected postgresql://USER:PASSWORD@HOST:PORT/DB.</translation>
    </message>
    <message>
        <source>Unknown option %1.</source>
        <translation>Unknown option %1.</translation>
    </message>
    <message>
        <source>--data-dir is required.</source>
        <translation>--data-dir is required.</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key must be given together.</source>
        <translation>--tls-cert and --tls-key must be given together.</translation>
    </message>
    <message>
        <source>Cannot read the store key %1: %2</source>
        <translation>Cannot read the store key %1: %2</translation>
    </message>
    <message>
        <source>The store key %1 is readable by other users; run chmod 600 on it.</source>
        <translation>The store key %1 is readable by other users; run chmod 600 on it.</translation>
    </message>
    <message>
        <source>The store key %1 is not 64 hexadecimal digits.</source>
        <translation>The store key %1 is not 64 hexadecimal digits.</translation>
    </message>
    <message>
        <source>The system&apos;s random number generator failed.</source>
        <translation>The system&apos;s random number generator failed.</translation>
    </message>
    <message>
        <source>Cannot create the store key %1: %2</source>
        <translation>Cannot create the store key %1: %2</translation>
    </message>
    <message>
        <source>Cannot create the data directory %1.</source>
        <translation>Cannot create the data directory %1.</translation>
    </message>
    <message>
        <source>The store %1 exists but its key %2 is missing; restore the key file.</source>
        <translation>The store %1 exists but its key %2 is missing; restore the key file.</translation>
    </message>
    <message>
        <source>The PostgreSQL driver (QPSQL) is not installed; install libqt6sql6-psql.</source>
        <translation>The PostgreSQL driver (QPSQL) is not installed; install libqt6sql6-psql.</translation>
    </message>
    <message>
        <source>Cannot connect to PostgreSQL at %1:%2: %3</source>
        <translation>Cannot connect to PostgreSQL at %1:%2: %3</translation>
    </message>
    <message>
        <source>onewindow-central listening on %1://%2:%3 (%4)</source>
        <translation>onewindow-central listening on %1://%2:%3 (%4)</translation>
    </message>
    <message>
        <source>embedded store</source>
        <translation>embedded store</translation>
    </message>
    <message>
        <source>No such resource: %1</source>
        <translation>No such resource: %1</translation>
    </message>
    <message>
        <source>The request body is larger than %1 bytes.</source>
        <translation>The request body is larger than %1 bytes.</translation>
    </message>
    <message>
        <source>The request body is not valid JSON (at byte %1: %2).</source>
        <translation>The request body is not valid JSON (at byte %1: %2).</translation>
    </message>
    <message>
        <source>The request body must be a JSON object.</source>
        <translation>The request body must be a JSON object.</translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot;.</source>
        <translation>Unknown field &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The server&apos;s database is not available; try again later.</source>
        <translation>The server&apos;s database is not available; try again later.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a non-empty string.</source>
        <translation>&quot;%1&quot; must be a non-empty string.</translation>
    </message>
    <message>
        <source>&quot;deviceId&quot; is too long.</source>
        <translation>&quot;deviceId&quot; is too long.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins; try again in %n second(s).</source>
        <translation>
            <numerusform>Too many failed sign-ins; try again in %n second(s).</numerusform>
            <numerusform>Too many failed sign-ins; try again in %n second(s).</numerusform>
        </translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>The user name or password is wrong.</translation>
    </message>
    <message>
        <source>This account is disabled; ask the administrator.</source>
        <translation>This account is disabled; ask the administrator.</translation>
    </message>
    <message>
        <source>Sign in first: this request needs &quot;Authorization: Bearer TOKEN&quot;.</source>
        <translation>Sign in first: this request needs &quot;Authorization: Bearer TOKEN&quot;.</translation>
    </message>
    <message>
        <source>The token is not known; sign in again.</source>
        <translation>The token is not known; sign in again.</translation>
    </message>
    <message>
        <source>The token was signed out; sign in again.</source>
        <translation>The token was signed out; sign in again.</translation>
    </message>
    <message>
        <source>The session has expired; sign in again.</source>
        <translation>The session has expired; sign in again.</translation>
    </message>
    <message>
        <source>No such user.</source>
        <translation>No such user.</translation>
    </message>
    <message>
        <source>A blob is named by its SHA-256 in 64 lower-case hexadecimal digits.</source>
        <translation>A blob is named by its SHA-256 in 64 lower-case hexadecimal digits.</translation>
    </message>
    <message>
        <source>The uploaded content has SHA-256 %1, not %2; the upload was discarded.</source>
        <translation>The uploaded content has SHA-256 %1, not %2; the upload was discarded.</translation>
    </message>
    <message>
        <source>An attachment can be at most %1 bytes.</source>
        <translation>An attachment can be at most %1 bytes.</translation>
    </message>
    <message>
        <source>Content-Range announces %1 bytes but the request carries %2.</source>
        <translation>Content-Range announces %1 bytes but the request carries %2.</translation>
    </message>
    <message>
        <source>The server holds %1 bytes of this upload (of %2); send from there.</source>
        <translation>The server holds %1 bytes of this upload (of %2); send from there.</translation>
    </message>
    <message>
        <source>A chunk can be at most %1 bytes.</source>
        <translation>A chunk can be at most %1 bytes.</translation>
    </message>
    <message>
        <source>Content-Range must read &quot;bytes START-END/TOTAL&quot;.</source>
        <translation>Content-Range must read &quot;bytes START-END/TOTAL&quot;.</translation>
    </message>
    <message>
        <source>No attachment %1 is stored.</source>
        <translation>No attachment %1 is stored.</translation>
    </message>
    <message>
        <source>The attachment %1 belongs to no case your office handles.</source>
        <translation>The attachment %1 belongs to no case your office handles.</translation>
    </message>
    <message>
        <source>An event must be a JSON object.</source>
        <translation>An event must be a JSON object.</translation>
    </message>
    <message>
        <source>The event is not valid: %1</source>
        <translation>The event is not valid: %1</translation>
    </message>
    <message>
        <source>The event&apos;s hash does not match its content.</source>
        <translation>The event&apos;s hash does not match its content.</translation>
    </message>
    <message>
        <source>The event was recorded by user %1 of office %2 as %3 on device %4; you are signed in as %5 of office %6 on device %7.</source>
        <translation>The event was recorded by user %1 of office %2 as %3 on device %4; you are signed in as %5 of office %6 on device %7.</translation>
    </message>
    <message>
        <source>The event does not follow the last event the server has from device %1 (an event is missing or out of order).</source>
        <translation>The event does not follow the last event the server has from device %1 (an event is missing or out of order).</translation>
    </message>
    <message>
        <source>The attachment %1 the event cites has not been uploaded.</source>
        <translation>The attachment %1 the event cites has not been uploaded.</translation>
    </message>
    <message>
        <source>The log signing key is not loaded.</source>
        <translation>The log signing key is not loaded.</translation>
    </message>
    <message>
        <source>A statement has more placeholders than values.</source>
        <translation>A statement has more placeholders than values.</translation>
    </message>
    <message>
        <source>The log has no tree head.</source>
        <translation>The log has no tree head.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number from %2 to %3.</source>
        <translation>&quot;%1&quot; must be a whole number from %2 to %3.</translation>
    </message>
    <message>
        <source>Unknown parameter &quot;%1&quot;.</source>
        <translation>Unknown parameter &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>&quot;deviceId&quot; must be the pushing device&apos;s id.</source>
        <translation>&quot;deviceId&quot; must be the pushing device&apos;s id.</translation>
    </message>
    <message>
        <source>&quot;events&quot; must be an array of events.</source>
        <translation>&quot;events&quot; must be an array of events.</translation>
    </message>
    <message>
        <source>At most %1 events can be pushed at once; this request has %2.</source>
        <translation>At most %1 events can be pushed at once; this request has %2.</translation>
    </message>
    <message>
        <source>Each event must be a JSON object.</source>
        <translation>Each event must be a JSON object.</translation>
    </message>
    <message>
        <source>The cursor &quot;after&quot; is not one this server gave out.</source>
        <translation>The cursor &quot;after&quot; is not one this server gave out.</translation>
    </message>
    <message>
        <source>The cursor is beyond this server&apos;s log; pull again from the start.</source>
        <translation>The cursor is beyond this server&apos;s log; pull again from the start.</translation>
    </message>
    <message>
        <source>A consistency proof needs first ≤ second ≤ the current tree size.</source>
        <translation>A consistency proof needs first ≤ second ≤ the current tree size.</translation>
    </message>
    <message>
        <source>The log has no node for leaves %1 to %2.</source>
        <translation>The log has no node for leaves %1 to %2.</translation>
    </message>
    <message>
        <source>The server database is not available: %1</source>
        <translation>The server database is not available: %1</translation>
    </message>
    <message>
        <source>The server database refused the change: %1</source>
        <translation>The server database refused the change: %1</translation>
    </message>
    <message>
        <source>The password must be at least 10 characters long.</source>
        <translation>The password must be at least 10 characters long.</translation>
    </message>
    <message>
        <source>The password must be at most 256 characters long.</source>
        <translation>The password must be at most 256 characters long.</translation>
    </message>
    <message>
        <source>The password must mix at least two of: letters, digits, other characters.</source>
        <translation>The password must mix at least two of: letters, digits, other characters.</translation>
    </message>
    <message>
        <source>Office code &quot;%1&quot; is not valid (letters, digits, - and _, at most 32).</source>
        <translation>Office code &quot;%1&quot; is not valid (letters, digits, - and _, at most 32).</translation>
    </message>
    <message>
        <source>The office needs a name.</source>
        <translation>The office needs a name.</translation>
    </message>
    <message>
        <source>Level &quot;%1&quot; is not one of %2.</source>
        <translation>Level &quot;%1&quot; is not one of %2.</translation>
    </message>
    <message>
        <source>Office %1 already exists.</source>
        <translation>Office %1 already exists.</translation>
    </message>
    <message>
        <source>The parent office %1 does not exist; add it first.</source>
        <translation>The parent office %1 does not exist; add it first.</translation>
    </message>
    <message>
        <source>Department code &quot;%1&quot; is not valid (letters, digits, - and _, at most 32).</source>
        <translation>Department code &quot;%1&quot; is not valid (letters, digits, - and _, at most 32).</translation>
    </message>
    <message>
        <source>The department needs a name.</source>
        <translation>The department needs a name.</translation>
    </message>
    <message>
        <source>Office %1 does not exist; add it first.</source>
        <translation>Office %1 does not exist; add it first.</translation>
    </message>
    <message>
        <source>Office %1 already hosts department %2.</source>
        <translation>Office %1 already hosts department %2.</translation>
    </message>
    <message>
        <source>User name &quot;%1&quot; is not valid: 2–64 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation>User name &quot;%1&quot; is not valid: 2–64 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</translation>
    </message>
    <message>
        <source>The user needs at least one role.</source>
        <translation>The user needs at least one role.</translation>
    </message>
    <message>
        <source>Role &quot;%1&quot; is not one of %2.</source>
        <translation>Role &quot;%1&quot; is not one of %2.</translation>
    </message>
    <message>
        <source>Office %1 does not host department %2.</source>
        <translation>Office %1 does not host department %2.</translation>
    </message>
    <message>
        <source>User %1 already exists.</source>
        <translation>User %1 already exists.</translation>
    </message>
    <message>
        <source>No user is named %1.</source>
        <translation>No user is named %1.</translation>
    </message>
    <message>
        <source>The server already holds a different catalogue with version %1; a published version never changes, so give the new catalogue a new version.</source>
        <translation>The server already holds a different catalogue with version %1; a published version never changes, so give the new catalogue a new version.</translation>
    </message>
    <message>
        <source>The cryptography library could not be initialised.</source>
        <translation>The cryptography library could not be initialised.</translation>
    </message>
    <message>
        <source>Hashing the password failed (out of memory).</source>
        <translation>Hashing the password failed (out of memory).</translation>
    </message>
    <message>
        <source>The stored events of case %1 no longer fold; the log was altered.</source>
        <translation>The stored events of case %1 no longer fold; the log was altered.</translation>
    </message>
    <message>
        <source>Case %1 was registered at office %2; office %3 cannot act on it at the window.</source>
        <translation>Case %1 was registered at office %2; office %3 cannot act on it at the window.</translation>
    </message>
    <message>
        <source>Case %1 is not routed to a department you review for (%2).</source>
        <translation>Case %1 is not routed to a department you review for (%2).</translation>
    </message>
    <message>
        <source>You do not review for department %1, so you cannot give its opinion.</source>
        <translation>You do not review for department %1, so you cannot give its opinion.</translation>
    </message>
    <message>
        <source>Only the lead department %1 concludes case %2.</source>
        <translation>Only the lead department %1 concludes case %2.</translation>
    </message>
    <message>
        <source>Case %1 is not handled by your office %2.</source>
        <translation>Case %1 is not handled by your office %2.</translation>
    </message>
    <message>
        <source>The config file holds &quot;option = value&quot; lines with the same option names (e.g. port = 8470); options on the command line override it.</source>
        <translation>The config file holds &quot;option = value&quot; lines with the same option names (e.g. port = 8470); options on the command line override it.</translation>
    </message>
    <message>
        <source>Cannot read the config file %1: %2</source>
        <translation>Cannot read the config file %1: %2</translation>
    </message>
    <message>
        <source>%1 line %2: expected &quot;option = value&quot;.</source>
        <translation>%1 line %2: expected &quot;option = value&quot;.</translation>
    </message>
    <message>
        <source>--token-lifetime: &quot;%1&quot; is not a number of seconds (1 to 2592000).</source>
        <translation>--token-lifetime: &quot;%1&quot; is not a number of seconds (1 to 2592000).</translation>
    </message>
    <message>
        <source>There is no central server store (%1) in %2; check the directory.</source>
        <translation>There is no central server store (%1) in %2; check the directory.</translation>
    </message>
    <message>
        <source>Cannot update the database schema of &quot;%1&quot;: %2</source>
        <translation>Cannot update the database schema of &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>The database holds version %1 of &quot;%2&quot;, newer than this server knows (%3); run a newer onewindow-central.</source>
        <translation>The database holds version %1 of &quot;%2&quot;, newer than this server knows (%3); run a newer onewindow-central.</translation>
    </message>
    <message>
        <source>migration %1 (%2): %3</source>
        <translation>migration %1 (%2): %3</translation>
    </message>
    <message>
        <source>Cannot read the log signing key %1: %2</source>
        <translation>Cannot read the log signing key %1: %2</translation>
    </message>
    <message>
        <source>The log signing key %1 is readable by other users; run chmod 600 on it.</source>
        <translation>The log signing key %1 is readable by other users; run chmod 600 on it.</translation>
    </message>
    <message>
        <source>The log signing key %1 is not 64 hexadecimal digits.</source>
        <translation>The log signing key %1 is not 64 hexadecimal digits.</translation>
    </message>
    <message>
        <source>Cannot create the log signing key %1: %2</source>
        <translation>Cannot create the log signing key %1: %2</translation>
    </message>
    <message>
        <source>The cryptography library (libsodium) could not be initialised.</source>
        <translation>The cryptography library (libsodium) could not be initialised.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a certificate number.</source>
        <translation>&quot;%1&quot; is not a certificate number.</translation>
    </message>
    <message>
        <source>No certificate with this number was issued through this server.</source>
        <translation>No certificate with this number was issued through this server.</translation>
    </message>
    <message>
        <source>This certificate was issued and recorded by the service centre.</source>
        <translation>This certificate was issued and recorded by the service centre.</translation>
    </message>
    <message>
        <source>--renewal-window-days: &quot;%1&quot; is not a number of days (0 to 180; 0 turns renewals without application off).</source>
        <translation>--renewal-window-days: &quot;%1&quot; is not a number of days (0 to 180; 0 turns renewals without application off).</translation>
    </message>
    <message>
        <source>A violation needs the holder&apos;s ID number and what was found.</source>
        <translation>A violation needs the holder&apos;s ID number and what was found.</translation>
    </message>
    <message>
        <source>The case %1 of certificate %2 has no created event.</source>
        <translation>The case %1 of certificate %2 has no created event.</translation>
    </message>
    <message>
        <source>The certificate %1 names item %2, which its case does not have.</source>
        <translation>The certificate %1 names item %2, which its case does not have.</translation>
    </message>
    <message>
        <source>The renewal of certificate %1 was refused: %2</source>
        <translation>The renewal of certificate %1 was refused: %2</translation>
    </message>
    <message>
        <source>Only an administrator can start the renewals.</source>
        <translation>Only an administrator can start the renewals.</translation>
    </message>
    <message>
        <source>&quot;today&quot; must be a date such as 2026-11-30.</source>
        <translation>&quot;today&quot; must be a date such as 2026-11-30.</translation>
    </message>
    <message>
        <source>&quot;windowDays&quot; must be a whole number from 0 to %1.</source>
        <translation>&quot;windowDays&quot; must be a whole number from 0 to %1.</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator can record a violation.</source>
        <translation>Only a supervisor or an administrator can record a violation.</translation>
    </message>
    <message>
        <source>&quot;holderId&quot; must be the holder&apos;s ID number or credit code.</source>
        <translation>&quot;holderId&quot; must be the holder&apos;s ID number or credit code.</translation>
    </message>
    <message>
        <source>&quot;reason&quot; must say what was found.</source>
        <translation>&quot;reason&quot; must say what was found.</translation>
    </message>
    <message>
        <source>Cannot read the certificate signing key %1: %2</source>
        <translation>Cannot read the certificate signing key %1: %2</translation>
    </message>
    <message>
        <source>The certificate signing key %1 cannot be used: %2</source>
        <translation>The certificate signing key %1 cannot be used: %2</translation>
    </message>
    <message>
        <source>This server has no certificate signing key.</source>
        <translation>This server has no certificate signing key.</translation>
    </message>
    <message>
        <source>Usage: onewindow-central [--config FILE] --listen ADDR --port N --data-dir DIR [--database postgresql://USER:PASSWORD@HOST:PORT/DB] [--tls-cert FILE --tls-key FILE] [--token-lifetime SECONDS] [--renewal-window-days N] [--certificate-key FILE --certificate-authority ID] [--lang zh_CN|en]</source>
        <translation>Usage: onewindow-central [--config FILE] --listen ADDR --port N --data-dir DIR [--database postgresql://USER:PASSWORD@HOST:PORT/DB] [--tls-cert FILE --tls-key FILE] [--token-lifetime SECONDS] [--renewal-window-days N] [--certificate-key FILE --certificate-authority ID] [--lang zh_CN|en]</translation>
    </message>
    <message>
        <source>--certificate-authority: &quot;%1&quot; is not an authority code (letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, at most 64).</source>
        <translation>--certificate-authority: &quot;%1&quot; is not an authority code (letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, at most 64).</translation>
    </message>
    <message>
        <source>--certificate-key and --certificate-authority must be given together.</source>
        <translation>--certificate-key and --certificate-authority must be given together.</translation>
    </message>
    <message>
        <source>--certificate-key: cannot read %1.</source>
        <translation>--certificate-key: cannot read %1.</translation>
    </message>
    <message>
        <source>The server database is not open.</source>
        <translation>The server database is not open.</translation>
    </message>
    <message>
        <source>Only an administrator can issue certificate stock.</source>
        <translation>Only an administrator can issue certificate stock.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number.</source>
        <translation>&quot;%1&quot; must be a whole number.</translation>
    </message>
    <message>
        <source>Only window staff or an administrator can void certificate stock.</source>
        <translation>Only window staff or an administrator can void certificate stock.</translation>
    </message>
    <message>
        <source>&quot;serial&quot; must be the serial number printed on the sheet.</source>
        <translation>&quot;serial&quot; must be the serial number printed on the sheet.</translation>
    </message>
    <message>
        <source>&quot;reason&quot; must say why the sheet is voided (at most %1 characters).</source>
        <translation>&quot;reason&quot; must say why the sheet is voided (at most %1 characters).</translation>
    </message>
    <message>
        <source>Stock serial %1 was not issued to office %2: print on a sheet from a range issued to this office.</source>
        <translation>Stock serial %1 was not issued to office %2: print on a sheet from a range issued to this office.</translation>
    </message>
    <message>
        <source>Stock serial %1 was voided (%2) and cannot be used again.</source>
        <translation>Stock serial %1 was voided (%2) and cannot be used again.</translation>
    </message>
    <message>
        <source>Stock serial %1 was spoiled in an earlier print and cannot be used again.</source>
        <translation>Stock serial %1 was spoiled in an earlier print and cannot be used again.</translation>
    </message>
    <message>
        <source>Stock serial %1 was already used to print certificate %2; each sheet is printed once.</source>
        <translation>Stock serial %1 was already used to print certificate %2; each sheet is printed once.</translation>
    </message>
    <message>
        <source>&quot;office&quot; must be an office code.</source>
        <translation>&quot;office&quot; must be an office code.</translation>
    </message>
    <message>
        <source>&quot;prefix&quot; must be 1 to 16 letters, digits or &apos;-&apos; (e.g. SC).</source>
        <translation>&quot;prefix&quot; must be 1 to 16 letters, digits or &apos;-&apos; (e.g. SC).</translation>
    </message>
    <message>
        <source>&quot;certificateType&quot; must be a certificate type code.</source>
        <translation>&quot;certificateType&quot; must be a certificate type code.</translation>
    </message>
    <message>
        <source>&quot;width&quot; must be a whole number from 1 to %1.</source>
        <translation>&quot;width&quot; must be a whole number from 1 to %1.</translation>
    </message>
    <message>
        <source>&quot;first&quot; must be a whole number from 0 to %1.</source>
        <translation>&quot;first&quot; must be a whole number from 0 to %1.</translation>
    </message>
    <message>
        <source>&quot;last&quot; must be a whole number from &quot;first&quot; (%1) to %2.</source>
        <translation>&quot;last&quot; must be a whole number from &quot;first&quot; (%1) to %2.</translation>
    </message>
    <message>
        <source>There is no office %1.</source>
        <translation>There is no office %1.</translation>
    </message>
    <message>
        <source>The serials overlap the range %1–%2 already issued to office %3.</source>
        <translation>The serials overlap the range %1–%2 already issued to office %3.</translation>
    </message>
    <message>
        <source>Stock serial %1 was not issued to office %2.</source>
        <translation>Stock serial %1 was not issued to office %2.</translation>
    </message>
    <message>
        <source>Stock serial %1 is already voided.</source>
        <translation>Stock serial %1 is already voided.</translation>
    </message>
    <message>
        <source>Stock serial %1 was already used to print certificate %2.</source>
        <translation>Stock serial %1 was already used to print certificate %2.</translation>
    </message>
    <message>
        <source>certificate number</source>
        <translation>certificate number</translation>
    </message>
    <message>
        <source>holder&apos;s name</source>
        <translation>holder&apos;s name</translation>
    </message>
    <message>
        <source>holder&apos;s ID number</source>
        <translation>holder&apos;s ID number</translation>
    </message>
    <message>
        <source>valid from</source>
        <translation>valid from</translation>
    </message>
    <message>
        <source>valid until</source>
        <translation>valid until</translation>
    </message>
    <message>
        <source>date of issue</source>
        <translation>date of issue</translation>
    </message>
    <message>
        <source>issuing authority</source>
        <translation>issuing authority</translation>
    </message>
    <message>
        <source>The code belongs to certificate %1, not to %2.</source>
        <translation>The code belongs to certificate %1, not to %2.</translation>
    </message>
    <message>
        <source>The code&apos;s details differ from the record of certificate %1: %2.</source>
        <translation>The code&apos;s details differ from the record of certificate %1: %2.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>The code is signed in the name of &quot;%1&quot;, an issuing authority this service centre does not know.</source>
        <translation>The code is signed in the name of &quot;%1&quot;, an issuing authority this service centre does not know.</translation>
    </message>
    <message>
        <source>This certificate was revoked on %1: %2</source>
        <translation>This certificate was revoked on %1: %2</translation>
    </message>
    <message>
        <source>The code&apos;s signature and details match the certificate issued and recorded by the service centre.</source>
        <translation>The code&apos;s signature and details match the certificate issued and recorded by the service centre.</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator can revoke a certificate.</source>
        <translation>Only a supervisor or an administrator can revoke a certificate.</translation>
    </message>
    <message>
        <source>&quot;reason&quot; must say why the certificate is revoked (at most %1 characters).</source>
        <translation>&quot;reason&quot; must say why the certificate is revoked (at most %1 characters).</translation>
    </message>
    <message>
        <source>No certificate %1 was issued through this server.</source>
        <translation>No certificate %1 was issued through this server.</translation>
    </message>
    <message>
        <source>Certificate %1 was not issued in a case your office %2 handles.</source>
        <translation>Certificate %1 was not issued in a case your office %2 handles.</translation>
    </message>
    <message>
        <source>Certificate %1 was already revoked on %2.</source>
        <translation>Certificate %1 was already revoked on %2.</translation>
    </message>
    <message>
        <source>The log&apos;s last sequence number could not be read.</source>
        <translation>The log&apos;s last sequence number could not be read.</translation>
    </message>
    <message>
        <source>Certificate %1 cannot be signed: %2</source>
        <translation>Certificate %1 cannot be signed: %2</translation>
    </message>
    <message>
        <source>The database connection cannot stream rows.</source>
        <translation>The database connection cannot stream rows.</translation>
    </message>
    <message>
        <source>The push round is to be checked again with every lookup.</source>
        <translation>The push round is to be checked again with every lookup.</translation>
    </message>
    <message>
        <source>The transaction was rolled back.</source>
        <translation>The transaction was rolled back.</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>The key for the store %1 is not a 256-bit key, so it cannot be the store&apos;s key. The store was neither opened nor changed.</source>
        <translation>The key for the store %1 is not a 256-bit key, so it cannot be the store&apos;s key. The store was neither opened nor changed.</translation>
    </message>
    <message>
        <source>A key was given for the unencrypted store %1.</source>
        <translation>A key was given for the unencrypted store %1.</translation>
    </message>
    <message>
        <source>Could not open the store %1: the connection name “%2” is already in use.</source>
        <translation>Could not open the store %1: the connection name “%2” is already in use.</translation>
    </message>
    <message>
        <source>The store %1 does not exist. Check the data directory, or create a new store with “onewindow-admin init”.</source>
        <translation>The store %1 does not exist. Check the data directory, or create a new store with “onewindow-admin init”.</translation>
    </message>
    <message>
        <source>Could not open the store %1: it is not a file.</source>
        <translation>Could not open the store %1: it is not a file.</translation>
    </message>
    <message>
        <source>The store %1 is not encrypted. OneWindow keeps cases only in encrypted stores: move this file away and restore the store from a backup.</source>
        <translation>The store %1 is not encrypted. OneWindow keeps cases only in encrypted stores: move this file away and restore the store from a backup.</translation>
    </message>
    <message>
        <source>The store %1 already exists. A new store is never created over an existing one: open it, or choose another data directory.</source>
        <translation>The store %1 already exists. A new store is never created over an existing one: open it, or choose another data directory.</translation>
    </message>
    <message>
        <source>Could not create the store %1: %2. Check that the data directory is writable.</source>
        <translation>Could not create the store %1: %2. Check that the data directory is writable.</translation>
    </message>
    <message>
        <source>Could not open the store %1: %2. Check that the file is readable and writable.</source>
        <translation>Could not open the store %1: %2. Check that the file is readable and writable.</translation>
    </message>
    <message>
        <source>Could not open the store %1: %2.</source>
        <translation>Could not open the store %1: %2.</translation>
    </message>
    <message>
        <source>The store %1 cannot be decrypted with this key: it was encrypted with a different one. The file was not changed. If the keychain was reset, recover the key with “onewindow-admin recover”.</source>
        <translation>The store %1 cannot be decrypted with this key: it was encrypted with a different one. The file was not changed. If the keychain was reset, recover the key with “onewindow-admin recover”.</translation>
    </message>
    <message>
        <source>The store %1 is damaged (%2). The file was not changed; restore it from a backup or ask the centre&apos;s IT to recover it.</source>
        <translation>The store %1 is damaged (%2). The file was not changed; restore it from a backup or ask the centre&apos;s IT to recover it.</translation>
    </message>
    <message>
        <source>Could not set up the store %1: %2.</source>
        <translation>Could not set up the store %1: %2.</translation>
    </message>
    <message>
        <source>Could not change the key of the store %1: it is not open.</source>
        <translation>Could not change the key of the store %1: it is not open.</translation>
    </message>
    <message>
        <source>The new key for the store %1 is not a 256-bit key; the key was not changed.</source>
        <translation>The new key for the store %1 is not a 256-bit key; the key was not changed.</translation>
    </message>
    <message>
        <source>Could not change the key of the store %1: %2. The store still opens with its old key.</source>
        <translation>Could not change the key of the store %1: %2. The store still opens with its old key.</translation>
    </message>
    <message>
        <source>Cannot update the store %1 to schema version %2: this version of OneWindow knows versions up to %3.</source>
        <translation>Cannot update the store %1 to schema version %2: this version of OneWindow knows versions up to %3.</translation>
    </message>
    <message>
        <source>Cannot read the schema version of the store %1: %2.</source>
        <translation>Cannot read the schema version of the store %1: %2.</translation>
    </message>
    <message>
        <source>The store %1 was written by a newer version of OneWindow (schema version %2; this version knows up to %3). It was not changed. Install the newer version of OneWindow to open it.</source>
        <translation>The store %1 was written by a newer version of OneWindow (schema version %2; this version knows up to %3). It was not changed. Install the newer version of OneWindow to open it.</translation>
    </message>
    <message>
        <source>Could not update the store %1 to schema version %2: %3. The store stays at schema version %4; check the disk (space, permissions), then start OneWindow again.</source>
        <translation>Could not update the store %1 to schema version %2: %3. The store stays at schema version %4; check the disk (space, permissions), then start OneWindow again.</translation>
    </message>
    <message>
        <source>Could not read from the store %1: %2.</source>
        <translation>Could not read from the store %1: %2.</translation>
    </message>
    <message>
        <source>Could not save to the store %1: %2. Nothing of this change was saved.</source>
        <translation>Could not save to the store %1: %2. Nothing of this change was saved.</translation>
    </message>
    <message>
        <source>A work queue needs at least one case state and a page size above zero.</source>
        <translation>A work queue needs at least one case state and a page size above zero.</translation>
    </message>
    <message>
        <source>The attachment is %1 large; attachments can be at most %2. Scan it at a lower resolution or split it into several files.</source>
        <translation>The attachment is %1 large; attachments can be at most %2. Scan it at a lower resolution or split it into several files.</translation>
    </message>
    <message>
        <source>The attachment does not match its SHA-256 checksum (expected %1, got %2); it was not saved. Copy or scan it again.</source>
        <translation>The attachment does not match its SHA-256 checksum (expected %1, got %2); it was not saved. Copy or scan it again.</translation>
    </message>
    <message>
        <source>The attachment %1 in the store %2 is damaged: its bytes do not match its checksum. Fetch it again from the central server or rescan it.</source>
        <translation>The attachment %1 in the store %2 is damaged: its bytes do not match its checksum. Fetch it again from the central server or rescan it.</translation>
    </message>
    <message>
        <source>Restore the key with: onewindow-admin recover --data-dir %1 --recovery-key FILE</source>
        <translation>Restore the key with: onewindow-admin recover --data-dir %1 --recovery-key FILE</translation>
    </message>
    <message>
        <source>there is no store there. Create one with: onewindow-admin init --data-dir %1</source>
        <translation>there is no store there. Create one with: onewindow-admin init --data-dir %1</translation>
    </message>
    <message>
        <source>a store (or part of one) is already there; nothing was changed. To start over, move that directory away first.</source>
        <translation>a store (or part of one) is already there; nothing was changed. To start over, move that directory away first.</translation>
    </message>
    <message>
        <source>there is no keychain service (Secret Service) in this session, so the key cannot be read or stored. Log in to the desktop session (GNOME Keyring or KWallet must be running), then try again.</source>
        <translation>there is no keychain service (Secret Service) in this session, so the key cannot be read or stored. Log in to the desktop session (GNOME Keyring or KWallet must be running), then try again.</translation>
    </message>
    <message>
        <source>the keyring that holds the key is locked. Unlock the keyring (log in to the desktop, or unlock the &quot;Login&quot; keyring in Passwords and Keys), then try again.</source>
        <translation>the keyring that holds the key is locked. Unlock the keyring (log in to the desktop, or unlock the &quot;Login&quot; keyring in Passwords and Keys), then try again.</translation>
    </message>
    <message>
        <source>access to the keyring was denied. Allow OneWindow to use the keyring (or ask the administrator to lift the restriction), then try again.</source>
        <translation>access to the keyring was denied. Allow OneWindow to use the keyring (or ask the administrator to lift the restriction), then try again.</translation>
    </message>
    <message>
        <source>the keyring holds no key for this store; it may have been reset. The database is untouched. %1</source>
        <translation>the keyring holds no key for this store; it may have been reset. The database is untouched. %1</translation>
    </message>
    <message>
        <source>the keyring did not answer in time. If an unlock prompt is open, answer it; then try again.</source>
        <translation>the keyring did not answer in time. If an unlock prompt is open, answer it; then try again.</translation>
    </message>
    <message>
        <source>the keyring reported an error.</source>
        <translation>the keyring reported an error.</translation>
    </message>
    <message>
        <source>the key in the keyring does not open the database (the keyring entry was replaced, or the database came from another computer). The database is untouched. %1</source>
        <translation>the key in the keyring does not open the database (the keyring entry was replaced, or the database came from another computer). The database is untouched. %1</translation>
    </message>
    <message>
        <source>it was made by a newer version of OneWindow. Install that version or a newer one to open it.</source>
        <translation>it was made by a newer version of OneWindow. Install that version or a newer one to open it.</translation>
    </message>
    <message>
        <source>its files are damaged or incomplete. Restore the directory from a backup.</source>
        <translation>its files are damaged or incomplete. Restore the directory from a backup.</translation>
    </message>
    <message>
        <source>no recovery public key was given. Pass --recovery-public-key FILE (the centre&apos;s recovery key) or put it at %1; or pass --no-escrow explicitly: without an escrowed key, a reset keyring loses every case not yet synced.</source>
        <translation>no recovery public key was given. Pass --recovery-public-key FILE (the centre&apos;s recovery key) or put it at %1; or pass --no-escrow explicitly: without an escrowed key, a reset keyring loses every case not yet synced.</translation>
    </message>
    <message>
        <source>the recovery key is not a usable RSA (2048 bits or more) or SM2 key.</source>
        <translation>the recovery key is not a usable RSA (2048 bits or more) or SM2 key.</translation>
    </message>
    <message>
        <source>the store has no key escrow, so a recovery key cannot restore it.</source>
        <translation>the store has no key escrow, so a recovery key cannot restore it.</translation>
    </message>
    <message>
        <source>no escrowed key could be unwrapped with this recovery key and open the database. Check that it is the centre&apos;s recovery key for this store.</source>
        <translation>no escrowed key could be unwrapped with this recovery key and open the database. Check that it is the centre&apos;s recovery key for this store.</translation>
    </message>
    <message>
        <source>a file could not be read or written.</source>
        <translation>a file could not be read or written.</translation>
    </message>
    <message>
        <source>an unexpected error occurred.</source>
        <translation>an unexpected error occurred.</translation>
    </message>
    <message>
        <source>Keychain entry: &quot;%1&quot; of service &quot;%2&quot;.</source>
        <translation>Keychain entry: &quot;%1&quot; of service &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>The key of the store in %1 was kept in the keychain backend %2, but this session uses %3. A key kept by one backend is not visible through another: log in to the desktop the store was set up with, or recover the key.</source>
        <translation>The key of the store in %1 was kept in the keychain backend %2, but this session uses %3. A key kept by one backend is not visible through another: log in to the desktop the store was set up with, or recover the key.</translation>
    </message>
    <message>
        <source>The key of the store in %1 was kept in the keychain backend %2; this session uses %3, which holds it too. The store now records %3.</source>
        <translation>The key of the store in %1 was kept in the keychain backend %2; this session uses %3, which holds it too. The store now records %3.</translation>
    </message>
    <message>
        <source>An interrupted key change of the store in %1 was finished.</source>
        <translation>An interrupted key change of the store in %1 was finished.</translation>
    </message>
    <message>
        <source>An interrupted key change of the store in %1 had not reached the database; the store keeps its current key.</source>
        <translation>An interrupted key change of the store in %1 had not reached the database; the store keeps its current key.</translation>
    </message>
    <message>
        <source>The store in %1 has its new key, but the keychain could not be updated yet; this is finished the next time the store is opened.</source>
        <translation>The store in %1 has its new key, but the keychain could not be updated yet; this is finished the next time the store is opened.</translation>
    </message>
    <message>
        <source>The key escrow of the store in %1 does not hold its current key: a lost keyring could not be recovered. Run onewindow-admin rekey --data-dir %1 to escrow a new key.</source>
        <translation>The key escrow of the store in %1 does not hold its current key: a lost keyring could not be recovered. Run onewindow-admin rekey --data-dir %1 to escrow a new key.</translation>
    </message>
    <message>
        <source>The key escrow of the store in %1 could not be updated.</source>
        <translation>The key escrow of the store in %1 could not be updated.</translation>
    </message>
    <message>
        <source>The description of the store in %1 (store.json) could not be updated.</source>
        <translation>The description of the store in %1 (store.json) could not be updated.</translation>
    </message>
    <message>
        <source>The store in %1 has no key escrow: if its keyring is lost, so are the cases not yet synced.</source>
        <translation>The store in %1 has no key escrow: if its keyring is lost, so are the cases not yet synced.</translation>
    </message>
    <message>
        <source>Cannot create the store in %1: %2</source>
        <translation>Cannot create the store in %1: %2</translation>
    </message>
    <message>
        <source>Cannot open the store in %1: %2</source>
        <translation>Cannot open the store in %1: %2</translation>
    </message>
    <message>
        <source>Cannot change the key of the store in %1: %2</source>
        <translation>Cannot change the key of the store in %1: %2</translation>
    </message>
    <message>
        <source>Cannot recover the store in %1: %2</source>
        <translation>Cannot recover the store in %1: %2</translation>
    </message>
    <message>
        <source>%1 (Details: %2)</source>
        <translation>%1 (Details: %2)</translation>
    </message>
    <message>
        <source>The event %1 belongs to the case %2, not to the case %3 it was to update; nothing was saved.</source>
        <translation>The event %1 belongs to the case %2, not to the case %3 it was to update; nothing was saved.</translation>
    </message>
    <message>
        <source>payload: not a JSON object</source>
        <translation>payload: not a JSON object</translation>
    </message>
    <message>
        <source>The stored event %1 of the case %2 cannot be read: %3</source>
        <translation>The stored event %1 of the case %2 cannot be read: %3</translation>
    </message>
    <message>
        <source>The event %1 has no time; nothing was saved.</source>
        <translation>The event %1 has no time; nothing was saved.</translation>
    </message>
    <message>
        <source>The stored events of the case %1 do not form a valid history: %2</source>
        <translation>The stored events of the case %1 do not form a valid history: %2</translation>
    </message>
    <message>
        <source>The event&apos;s time %1 is before the case&apos;s last event (%2); check the clock of this computer. Nothing was saved.</source>
        <translation>The event&apos;s time %1 is before the case&apos;s last event (%2); check the clock of this computer. Nothing was saved.</translation>
    </message>
    <message>
        <source>The event %1 cannot be sealed: %2</source>
        <translation>The event %1 cannot be sealed: %2</translation>
    </message>
    <message>
        <source>The event %1 cannot be stored as it is: %2; nothing was saved.</source>
        <translation>The event %1 cannot be stored as it is: %2; nothing was saved.</translation>
    </message>
    <message>
        <source>it does not read back identically</source>
        <translation>it does not read back identically</translation>
    </message>
    <message>
        <source>The events of the device %1 cannot be read: %2</source>
        <translation>The events of the device %1 cannot be read: %2</translation>
    </message>
    <message>
        <source>The event %1 (#%2 of the device %3) is not a valid event: %4</source>
        <translation>The event %1 (#%2 of the device %3) is not a valid event: %4</translation>
    </message>
    <message>
        <source>The event %1 came from the server without its server sequence number; nothing was saved.</source>
        <translation>The event %1 came from the server without its server sequence number; nothing was saved.</translation>
    </message>
    <message>
        <source>The projection of the case %1 cannot be saved for the case %2; nothing was saved.</source>
        <translation>The projection of the case %1 cannot be saved for the case %2; nothing was saved.</translation>
    </message>
    <message>
        <source>The central server&apos;s log key differs from the one this workstation pinned at its first sync; the key was not changed.</source>
        <translation>The central server&apos;s log key differs from the one this workstation pinned at its first sync; the key was not changed.</translation>
    </message>
    <message>
        <source>The server&apos;s log key must be pinned before a tree head is kept.</source>
        <translation>The server&apos;s log key must be pinned before a tree head is kept.</translation>
    </message>
    <message>
        <source>The server refused the event %1, which this store does not hold.</source>
        <translation>The server refused the event %1, which this store does not hold.</translation>
    </message>
    <message>
        <source>The event %1 came from the server without its server sequence number; nothing of this batch was saved.</source>
        <translation>The event %1 came from the server without its server sequence number; nothing of this batch was saved.</translation>
    </message>
    <message>
        <source>The queue ticket &quot;%1&quot; was not saved: it needs a day, a number and the time it was issued.</source>
        <translation>The queue ticket &quot;%1&quot; was not saved: it needs a day, a number and the time it was issued.</translation>
    </message>
    <message>
        <source>The queue ticket %1 was not saved: its call count or evaluation is out of range.</source>
        <translation>The queue ticket %1 was not saved: its call count or evaluation is out of range.</translation>
    </message>
    <message>
        <source>The pause of a service window was not saved: it needs a day and a window.</source>
        <translation>The pause of a service window was not saved: it needs a day and a window.</translation>
    </message>
    <message>
        <source>An inbox needs the department whose cases it lists.</source>
        <translation>An inbox needs the department whose cases it lists.</translation>
    </message>
    <message>
        <source>The print queue needs the office that prints.</source>
        <translation>The print queue needs the office that prints.</translation>
    </message>
    <message>
        <source>The certificate %1 is not in this store; its verification code was not saved.</source>
        <translation>The certificate %1 is not in this store; its verification code was not saved.</translation>
    </message>
    <message>
        <source>The stock of certificate paper cannot be saved without its office.</source>
        <translation>The stock of certificate paper cannot be saved without its office.</translation>
    </message>
    <message>
        <source>The central server sent a stock range of certificate paper that is not valid (%1: %2 to %3); nothing was saved.</source>
        <translation>The central server sent a stock range of certificate paper that is not valid (%1: %2 to %3); nothing was saved.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a serial number of certificate paper (a prefix followed by digits, e.g. SC0000451).</source>
        <translation>&quot;%1&quot; is not a serial number of certificate paper (a prefix followed by digits, e.g. SC0000451).</translation>
    </message>
    <message>
        <source>The certificate paper %1 was not issued to this office for this certificate; check the serial number printed on the sheet.</source>
        <translation>The certificate paper %1 was not issued to this office for this certificate; check the serial number printed on the sheet.</translation>
    </message>
    <message>
        <source>The certificate paper %1 has already been used and cannot be printed on again.</source>
        <translation>The certificate paper %1 has already been used and cannot be printed on again.</translation>
    </message>
    <message>
        <source>The certificate paper %1 has been voided and cannot be printed on.</source>
        <translation>The certificate paper %1 has been voided and cannot be printed on.</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>No central server is configured.</source>
        <translation>No central server is configured.</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>Connected to %1.</translation>
    </message>
    <message>
        <source>The central server answers, but its database is unavailable.</source>
        <translation>The central server answers, but its database is unavailable.</translation>
    </message>
    <message>
        <source>%1 did not answer as a OneWindow central server (HTTP %2).</source>
        <translation>%1 did not answer as a OneWindow central server (HTTP %2).</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>Cannot reach %1: %2</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Server degraded</source>
        <translation>Server degraded</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>The central server did not answer in time.</source>
        <translation>The central server did not answer in time.</translation>
    </message>
    <message>
        <source>The central server cannot be reached: %1</source>
        <translation>The central server cannot be reached: %1</translation>
    </message>
    <message>
        <source>The central server answered with HTTP status %1.</source>
        <translation>The central server answered with HTTP status %1.</translation>
    </message>
    <message>
        <source>The local store cannot record this workstation&apos;s device id.</source>
        <translation>The local store cannot record this workstation&apos;s device id.</translation>
    </message>
    <message>
        <source>The central server sent an incomplete answer: %1</source>
        <translation>The central server sent an incomplete answer: %1</translation>
    </message>
    <message>
        <source>The central server refused the sign-in (HTTP %1).</source>
        <translation>The central server refused the sign-in (HTTP %1).</translation>
    </message>
    <message>
        <source>The central server cannot be reached (%1), and %2 has not signed in on this workstation before. Sign in once while connected; after that you can also work offline.</source>
        <translation>The central server cannot be reached (%1), and %2 has not signed in on this workstation before. Sign in once while connected; after that you can also work offline.</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <source>Sync is off</source>
        <translation>Sync is off</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synced</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Sync failed; trying again soon</source>
        <translation>Sync failed; trying again soon</translation>
    </message>
    <message>
        <source>Sign in again to sync</source>
        <translation>Sign in again to sync</translation>
    </message>
    <message>
        <source>Sync stopped: the server&apos;s history was rewritten</source>
        <translation>Sync stopped: the server&apos;s history was rewritten</translation>
    </message>
    <message>
        <source>The store in %1 cannot be opened for sync: %2</source>
        <translation>The store in %1 cannot be opened for sync: %2</translation>
    </message>
    <message>
        <source>The key of the store in %1 cannot be read from the keychain for sync: %2</source>
        <translation>The key of the store in %1 cannot be read from the keychain for sync: %2</translation>
    </message>
    <message>
        <source>The server&apos;s tree head has no valid size.</source>
        <translation>The server&apos;s tree head has no valid size.</translation>
    </message>
    <message>
        <source>The server&apos;s tree head has no valid root hash.</source>
        <translation>The server&apos;s tree head has no valid root hash.</translation>
    </message>
    <message>
        <source>The server&apos;s tree head is not signed.</source>
        <translation>The server&apos;s tree head is not signed.</translation>
    </message>
    <message>
        <source>The central server&apos;s log key is not a valid Ed25519 public key.</source>
        <translation>The central server&apos;s log key is not a valid Ed25519 public key.</translation>
    </message>
    <message>
        <source>The signature of the server&apos;s tree head (size %1) does not match the server&apos;s log key pinned at the first sync.</source>
        <translation>The signature of the server&apos;s tree head (size %1) does not match the server&apos;s log key pinned at the first sync.</translation>
    </message>
    <message>
        <source>The server&apos;s log shrank or changed: the last verified tree had %1 events with root %2, the server now shows %3 events with root %4.</source>
        <translation>The server&apos;s log shrank or changed: the last verified tree had %1 events with root %2, the server now shows %3 events with root %4.</translation>
    </message>
    <message>
        <source>The server&apos;s consistency proof is malformed.</source>
        <translation>The server&apos;s consistency proof is malformed.</translation>
    </message>
    <message>
        <source>The server&apos;s log of %1 events does not extend the log of %2 events verified before: the consistency proof fails.</source>
        <translation>The server&apos;s log of %1 events does not extend the log of %2 events verified before: the consistency proof fails.</translation>
    </message>
    <message>
        <source>The server&apos;s user record lacks a valid &quot;%1&quot;.</source>
        <translation>The server&apos;s user record lacks a valid &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>%1: the sign-in is no longer valid (%2). Sign in again to sync.</source>
        <translation>%1: the sign-in is no longer valid (%2). Sign in again to sync.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Sync was stopped before it finished; it continues next time.</source>
        <translation>Sync was stopped before it finished; it continues next time.</translation>
    </message>
    <message>
        <source>Sign in to the central server to sync.</source>
        <translation>Sign in to the central server to sync.</translation>
    </message>
    <message>
        <source>Could not fetch the server&apos;s log key</source>
        <translation>Could not fetch the server&apos;s log key</translation>
    </message>
    <message>
        <source>The server&apos;s history was rewritten or cannot be checked: %1 Sync has stopped; tell the centre&apos;s IT staff.</source>
        <translation>The server&apos;s history was rewritten or cannot be checked: %1 Sync has stopped; tell the centre&apos;s IT staff.</translation>
    </message>
    <message>
        <source>The server&apos;s history was rewritten: %1 Sync has stopped; tell the centre&apos;s IT staff.</source>
        <translation>The server&apos;s history was rewritten: %1 Sync has stopped; tell the centre&apos;s IT staff.</translation>
    </message>
    <message>
        <source>Could not fetch the server&apos;s consistency proof</source>
        <translation>Could not fetch the server&apos;s consistency proof</translation>
    </message>
    <message>
        <source>The attachment %1 is not in this store.</source>
        <translation>The attachment %1 is not in this store.</translation>
    </message>
    <message>
        <source>Could not upload an attachment</source>
        <translation>Could not upload an attachment</translation>
    </message>
    <message>
        <source>The event %1 in the outbox cannot be read: %2</source>
        <translation>The event %1 in the outbox cannot be read: %2</translation>
    </message>
    <message>
        <source>Some attachments could not be uploaded yet; the events that cite them and the later events of this workstation wait for the next sync.</source>
        <translation>Some attachments could not be uploaded yet; the events that cite them and the later events of this workstation wait for the next sync.</translation>
    </message>
    <message>
        <source>Could not send the recorded events</source>
        <translation>Could not send the recorded events</translation>
    </message>
    <message>
        <source>The central server did not answer for every event sent; sync tries again later.</source>
        <translation>The central server did not answer for every event sent; sync tries again later.</translation>
    </message>
    <message>
        <source>Could not receive events from the central server</source>
        <translation>Could not receive events from the central server</translation>
    </message>
    <message>
        <source>The central server sent an event this workstation cannot read (%1); nothing of this batch was stored.</source>
        <translation>The central server sent an event this workstation cannot read (%1); nothing of this batch was stored.</translation>
    </message>
    <message>
        <source>no server sequence number</source>
        <translation>no server sequence number</translation>
    </message>
    <message>
        <source>The central server announced more events but gave no new position to fetch them from.</source>
        <translation>The central server announced more events but gave no new position to fetch them from.</translation>
    </message>
    <message>
        <source>Could not fetch the server&apos;s tree head</source>
        <translation>Could not fetch the server&apos;s tree head</translation>
    </message>
    <message>
        <source>Could not fetch the service catalogue from the central server</source>
        <translation>Could not fetch the service catalogue from the central server</translation>
    </message>
    <message>
        <source>The central server&apos;s catalogue %1 is not valid: %2</source>
        <translation>The central server&apos;s catalogue %1 is not valid: %2</translation>
    </message>
    <message>
        <source>The central server sent catalogue %1 under the name %2.</source>
        <translation>The central server sent catalogue %1 under the name %2.</translation>
    </message>
    <message>
        <source>The central server&apos;s list of certificate paper has no &quot;ranges&quot;.</source>
        <translation>The central server&apos;s list of certificate paper has no &quot;ranges&quot;.</translation>
    </message>
    <message>
        <source>The central server sent a range of certificate paper that is not valid: %1</source>
        <translation>The central server sent a range of certificate paper that is not valid: %1</translation>
    </message>
    <message>
        <source>Could not fetch the certificate paper issued to this office</source>
        <translation>Could not fetch the certificate paper issued to this office</translation>
    </message>
    <message>
        <source>Could not fetch the verification code of certificate %1</source>
        <translation>Could not fetch the verification code of certificate %1</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Synchronisation with the central server</source>
        <translation>Synchronisation with the central server</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>State:</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>S&amp;ync now</translation>
    </message>
    <message>
        <source>Send waiting work and fetch new cases now (F5)</source>
        <translation>Send waiting work and fetch new cases now (F5)</translation>
    </message>
    <message>
        <source>Sign &amp;in to sync…</source>
        <translation>Sign &amp;in to sync…</translation>
    </message>
    <message>
        <source>You signed in offline: enter your password again so that work can be sent</source>
        <translation>You signed in offline: enter your password again so that work can be sent</translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation>Last sync:</translation>
    </message>
    <message>
        <source>Progress:</source>
        <translation>Progress:</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Refused by the server</translation>
    </message>
    <message>
        <source>The central server refused these events; the cases show their state without them. Check each case and record what is right.</source>
        <translation>The central server refused these events; the cases show their state without them. Check each case and record what is right.</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
</context>
<context>
    <name>ToolsPage</name>
    <message>
        <source>Check an identity number</source>
        <translation>Check an identity number</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>&amp;Number:</translation>
    </message>
    <message>
        <source>Time limit in working days</source>
        <translation>Time limit in working days</translation>
    </message>
    <message>
        <source>&amp;Accepted on:</source>
        <translation>&amp;Accepted on:</translation>
    </message>
    <message>
        <source>&amp;Working days:</source>
        <translation>&amp;Working days:</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>&amp;Verify a certificate…</source>
        <translation>&amp;Verify a certificate…</translation>
    </message>
    <message>
        <source>Check a certificate&apos;s QR code: genuine or forged, offline</source>
        <translation>Check a certificate&apos;s QR code: genuine or forged, offline</translation>
    </message>
    <message>
        <source>Printer &amp;calibration…</source>
        <translation>Printer &amp;calibration…</translation>
    </message>
    <message>
        <source>Correct where a printer puts certificate fields, measured on the calibration sheet</source>
        <translation>Correct where a printer puts certificate fields, measured on the calibration sheet</translation>
    </message>
</context>
<context>
    <name>Ui</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <source>Checking the central server…</source>
        <translation>Checking the central server…</translation>
    </message>
    <message>
        <source>You can still sign in and work offline; your work is synced when the connection returns.</source>
        <translation>You can still sign in and work offline; your work is synced when the connection returns.</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Enter your user name.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>Enter the address of the central server, for example http://127.0.0.1:8470.</source>
        <translation>Enter the address of the central server, for example http://127.0.0.1:8470.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address; use the form http://host:port.</source>
        <translation>&quot;%1&quot; is not a server address; use the form http://host:port.</translation>
    </message>
    <message>
        <source>OneWindow — %1</source>
        <translation>OneWindow — %1</translation>
    </message>
    <message>
        <source>Operator: %1</source>
        <translation>Operator: %1</translation>
    </message>
    <message numerus="yes">
        <source>Waiting to sync: %n</source>
        <translation>
            <numerusform>Waiting to sync: %n</numerusform>
            <numerusform>Waiting to sync: %n</numerusform>
        </translation>
    </message>
    <message>
        <source>Events recorded here that the central server has not received yet.</source>
        <translation>Events recorded here that the central server has not received yet.</translation>
    </message>
    <message>
        <source>About OneWindow</source>
        <translation>About OneWindow</translation>
    </message>
    <message>
        <source>&lt;h3&gt;OneWindow %1&lt;/h3&gt;&lt;p&gt;The workstation of the comprehensive government service centre: one window accepts any service item, the back office reviews by department, one window hands out results.&lt;/p&gt;&lt;p&gt;Cases are kept in an encrypted local store and synced with the central server, so township and village offices keep serving residents when the network is down.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;OneWindow %1&lt;/h3&gt;&lt;p&gt;The workstation of the comprehensive government service centre: one window accepts any service item, the back office reviews by department, one window hands out results.&lt;/p&gt;&lt;p&gt;Cases are kept in an encrypted local store and synced with the central server, so township and village offices keep serving residents when the network is down.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Welcome, %1</source>
        <translation>Welcome, %1</translation>
    </message>
    <message>
        <source>Not opened</source>
        <translation>Not opened</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>Resident ID card number</source>
        <translation>Resident ID card number</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>Valid: %1&lt;br&gt;Born %2, %3, issued in %4 (%5)</source>
        <translation>Valid: %1&lt;br&gt;Born %2, %3, issued in %4 (%5)</translation>
    </message>
    <message>
        <source>Upgraded from the 15-digit number %1.</source>
        <translation>Upgraded from the 15-digit number %1.</translation>
    </message>
    <message>
        <source>Valid: %1&lt;br&gt;Registered with %2 as %3; region %4, organisation code %5</source>
        <translation>Valid: %1&lt;br&gt;Registered with %2 as %3; region %4, organisation code %5</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Desk tools</source>
        <translation>Desk tools</translation>
    </message>
    <message>
        <source>OneWindow comprehensive service workstation</source>
        <translation>OneWindow comprehensive service workstation</translation>
    </message>
    <message>
        <source>User interface language.</source>
        <translation>User interface language.</translation>
    </message>
    <message>
        <source>Address of the central server.</source>
        <translation>Address of the central server.</translation>
    </message>
    <message>
        <source>Folder of the local store.</source>
        <translation>Folder of the local store.</translation>
    </message>
    <message>
        <source>User name to pre-fill.</source>
        <translation>User name to pre-fill.</translation>
    </message>
    <message>
        <source>Unknown language &quot;%1&quot;; available: %2.</source>
        <translation>Unknown language &quot;%1&quot;; available: %2.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>This workstation has no local store yet, and the centre&apos;s recovery key %1 cannot be read (%2). The store&apos;s key must be escrowed for the centre so that a reset keyring never loses unsynced cases: ask the centre&apos;s IT to install the recovery public key, or start OneWindow with --recovery-public-key FILE.</source>
        <translation>This workstation has no local store yet, and the centre&apos;s recovery key %1 cannot be read (%2). The store&apos;s key must be escrowed for the centre so that a reset keyring never loses unsynced cases: ask the centre&apos;s IT to install the recovery public key, or start OneWindow with --recovery-public-key FILE.</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation>Cannot create the data folder %1.</translation>
    </message>
    <message>
        <source>The local store cannot be opened</source>
        <translation>The local store cannot be opened</translation>
    </message>
    <message>
        <source>Local store</source>
        <translation>Local store</translation>
    </message>
    <message>
        <source>%1 (encrypted; key in the keychain: %2)</source>
        <translation>%1 (encrypted; key in the keychain: %2)</translation>
    </message>
    <message>
        <source>The centre&apos;s recovery public key, for a local store made on first use.</source>
        <translation>The centre&apos;s recovery public key, for a local store made on first use.</translation>
    </message>
    <message numerus="yes">
        <source>Ends on %1, %n calendar day(s) after acceptance.</source>
        <translation>
            <numerusform>Ends on %1, %n calendar day(s) after acceptance.</numerusform>
            <numerusform>Ends on %1, %n calendar day(s) after acceptance.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Smart approval: %1</source>
        <translation>Smart approval: %1</translation>
    </message>
    <message>
        <source>%1 %2: %3 (%4)</source>
        <translation>%1 %2: %3 (%4)</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>mobile or landline with area code</source>
        <translation>mobile or landline with area code</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>yuan</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1 is required.</translation>
    </message>
    <message>
        <source>%1 may have at most %2 characters.</source>
        <translation>%1 may have at most %2 characters.</translation>
    </message>
    <message>
        <source>%1 must be an 11-digit mobile number or a landline number with its area code.</source>
        <translation>%1 must be an 11-digit mobile number or a landline number with its area code.</translation>
    </message>
    <message>
        <source>%1 must be a date written like 2026-01-31.</source>
        <translation>%1 must be a date written like 2026-01-31.</translation>
    </message>
    <message>
        <source>%1 must be a number.</source>
        <translation>%1 must be a number.</translation>
    </message>
    <message>
        <source>%1 must be at least %2.</source>
        <translation>%1 must be at least %2.</translation>
    </message>
    <message>
        <source>%1 must be at most %2.</source>
        <translation>%1 must be at most %2.</translation>
    </message>
    <message>
        <source>%1 is not in the expected format.</source>
        <translation>%1 is not in the expected format.</translation>
    </message>
    <message>
        <source>Preview: %1</source>
        <translation>Preview: %1</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>Saved as %1</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>PREVIEW — NOT VALID</source>
        <translation>PREVIEW — NOT VALID</translation>
    </message>
    <message>
        <source>Printing failed</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <source>Identify the applicant first: a valid ID number is needed.</source>
        <translation>Identify the applicant first: a valid ID number is needed.</translation>
    </message>
    <message>
        <source>Enter the applicant&apos;s name.</source>
        <translation>Enter the applicant&apos;s name.</translation>
    </message>
    <message>
        <source>Enter the legal entity&apos;s legal representative.</source>
        <translation>Enter the legal entity&apos;s legal representative.</translation>
    </message>
    <message>
        <source>Choose a service item or bundle first.</source>
        <translation>Choose a service item or bundle first.</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>Not recorded: %1</translation>
    </message>
    <message>
        <source>No case number can be made: %1</source>
        <translation>No case number can be made: %1</translation>
    </message>
    <message>
        <source>Required materials not received: %1. Tick them when handed in, or issue a one-time notice of missing materials.</source>
        <translation>Required materials not received: %1. Tick them when handed in, or issue a one-time notice of missing materials.</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message numerus="yes">
        <source>The form has %n problem(s); first: %1</source>
        <translation>
            <numerusform>The form has %n problem(s); first: %1</numerusform>
            <numerusform>The form has %n problem(s); first: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Accepted as case %1; the result is promised by %2.</source>
        <translation>Accepted as case %1; the result is promised by %2.</translation>
    </message>
    <message>
        <source>Approved at once by smart approval.</source>
        <translation>Approved at once by smart approval.</translation>
    </message>
    <message>
        <source>Smart approval could not be recorded: %1</source>
        <translation>Smart approval could not be recorded: %1</translation>
    </message>
    <message>
        <source>Every required material was received: accept the application instead.</source>
        <translation>Every required material was received: accept the application instead.</translation>
    </message>
    <message>
        <source>%1 (%2, copies: %3)</source>
        <translation>%1 (%2, copies: %3)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message numerus="yes">
        <source>One-time notice issued for case %1: %n material(s) missing.</source>
        <translation>
            <numerusform>One-time notice issued for case %1: %n material(s) missing.</numerusform>
            <numerusform>One-time notice issued for case %1: %n material(s) missing.</numerusform>
        </translation>
    </message>
    <message>
        <source>State why the application is not accepted.</source>
        <translation>State why the application is not accepted.</translation>
    </message>
    <message>
        <source>A refusal must cite its legal basis: enter the law and article it rests on. Nothing was recorded.</source>
        <translation>A refusal must cite its legal basis: enter the law and article it rests on. Nothing was recorded.</translation>
    </message>
    <message>
        <source>Refusal recorded as case %1.</source>
        <translation>Refusal recorded as case %1.</translation>
    </message>
    <message>
        <source>The folder %1 for notices cannot be created.</source>
        <translation>The folder %1 for notices cannot be created.</translation>
    </message>
    <message>
        <source>Enter the applicant&apos;s ID number.</source>
        <translation>Enter the applicant&apos;s ID number.</translation>
    </message>
    <message>
        <source>%1, born %2, %3</source>
        <translation>%1, born %2, %3</translation>
    </message>
    <message>
        <source>Not a valid number: %1</source>
        <translation>Not a valid number: %1</translation>
    </message>
    <message>
        <source>No earlier cases.</source>
        <translation>No earlier cases.</translation>
    </message>
    <message>
        <source>%1 (case %2)</source>
        <translation>%1 (case %2)</translation>
    </message>
    <message>
        <source>None known.</source>
        <translation>None known.</translation>
    </message>
    <message>
        <source>The ID card expired on %1.</source>
        <translation>The ID card expired on %1.</translation>
    </message>
    <message>
        <source>[Bundle] %1 (%2)</source>
        <translation>[Bundle] %1 (%2)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not in the catalogue %2.</source>
        <translation>&quot;%1&quot; is not in the catalogue %2.</translation>
    </message>
    <message>
        <source>handled on the spot</source>
        <translation>handled on the spot</translation>
    </message>
    <message numerus="yes">
        <source>promised within %n working day(s)</source>
        <translation>
            <numerusform>promised within %n working day(s)</numerusform>
            <numerusform>promised within %n working day(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>required</source>
        <translation>required</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>A %1 the applicant holds can stand in for it.</source>
        <translation>A %1 the applicant holds can stand in for it.</translation>
    </message>
    <message>
        <source>The draft could not be saved: %1</source>
        <translation>The draft could not be saved: %1</translation>
    </message>
    <message>
        <source>The unfinished application was restored.</source>
        <translation>The unfinished application was restored.</translation>
    </message>
    <message>
        <source>Nothing chosen yet.</source>
        <translation>Nothing chosen yet.</translation>
    </message>
    <message>
        <source>The draft could not be removed: %1</source>
        <translation>The draft could not be removed: %1</translation>
    </message>
    <message>
        <source>The ID card could not be read: %1</source>
        <translation>The ID card could not be read: %1</translation>
    </message>
    <message>
        <source>Materials (tick what was received)</source>
        <translation>Materials (tick what was received)</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Unified application form</source>
        <translation>Unified application form</translation>
    </message>
    <message>
        <source>Applicant&apos;s earlier cases</source>
        <translation>Applicant&apos;s earlier cases</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Licences held (issued through this office):</source>
        <translation>Licences held (issued through this office):</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Natural person (resident ID card)</source>
        <translation>Natural person (resident ID card)</translation>
    </message>
    <message>
        <source>Legal entity (unified social credit code)</source>
        <translation>Legal entity (unified social credit code)</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Read ID card</source>
        <translation>&amp;Read ID card</translation>
    </message>
    <message>
        <source>&amp;ID number:</source>
        <translation>&amp;ID number:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Legal &amp;representative:</source>
        <translation>Legal &amp;representative:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <source>18-character unified social credit code</source>
        <translation>18-character unified social credit code</translation>
    </message>
    <message>
        <source>18-digit resident ID number; last may be X</source>
        <translation>18-digit resident ID number; last may be X</translation>
    </message>
    <message>
        <source>Reading the ID card…</source>
        <translation>Reading the ID card…</translation>
    </message>
    <message>
        <source>Service item or bundle</source>
        <translation>Service item or bundle</translation>
    </message>
    <message>
        <source>Name, code or pinyin initials, e.g. spjy</source>
        <translation>Name, code or pinyin initials, e.g. spjy</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Handled on behalf of the applicant (agency service)</source>
        <translation>Handled on behalf of the applicant (agency service)</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Accept</translation>
    </message>
    <message>
        <source>Accept the application and print the notice of acceptance (Ctrl+Enter)</source>
        <translation>Accept the application and print the notice of acceptance (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;One-time notice of missing materials</source>
        <translation>&amp;One-time notice of missing materials</translation>
    </message>
    <message>
        <source>Reason for refusal:</source>
        <translation>Reason for refusal:</translation>
    </message>
    <message>
        <source>Law and article, e.g. 《中华人民共和国行政许可法》第三十二条</source>
        <translation>Law and article, e.g. 《中华人民共和国行政许可法》第三十二条</translation>
    </message>
    <message>
        <source>Legal basis:</source>
        <translation>Legal basis:</translation>
    </message>
    <message>
        <source>Re&amp;fuse to accept</source>
        <translation>Re&amp;fuse to accept</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Signed in offline with the credential cached at the last online sign-in; work is synced when the server can be reached.</source>
        <translation>Signed in offline with the credential cached at the last online sign-in; work is synced when the server can be reached.</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Recorded</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Last error</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>No central server is configured; work stays on this workstation.</source>
        <translation>No central server is configured; work stays on this workstation.</translation>
    </message>
    <message>
        <source>%1 (next attempt at %2)</source>
        <translation>%1 (next attempt at %2)</translation>
    </message>
    <message>
        <source>%1 — sign in again to send your work.</source>
        <translation>%1 — sign in again to send your work.</translation>
    </message>
    <message>
        <source>Uploading attachments</source>
        <translation>Uploading attachments</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>Receiving</translation>
    </message>
    <message>
        <source>Checking the server&apos;s log</source>
        <translation>Checking the server&apos;s log</translation>
    </message>
    <message>
        <source>%1: %2 sent, %3 received, %4 refused; %5 up, %6 down</source>
        <translation>%1: %2 sent, %3 received, %4 refused; %5 up, %6 down</translation>
    </message>
    <message>
        <source>Waiting to send (%1)</source>
        <translation>Waiting to send (%1)</translation>
    </message>
    <message>
        <source>Refused by the server (%1)</source>
        <translation>Refused by the server (%1)</translation>
    </message>
    <message>
        <source>Cannot be sent</source>
        <translation>Cannot be sent</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrupted</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Succeeded</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>%1, failed: %2</source>
        <translation>%1, failed: %2</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Syncing: %1 sent, %2 received</source>
        <translation>Syncing: %1 sent, %2 received</translation>
    </message>
    <message>
        <source>Synced at %1</source>
        <translation>Synced at %1</translation>
    </message>
    <message>
        <source>Sync failed at %1</source>
        <translation>Sync failed at %1</translation>
    </message>
    <message>
        <source>The central server refused an event of case %1: %2</source>
        <translation>The central server refused an event of case %1: %2</translation>
    </message>
    <message>
        <source>Sync cannot open the local store</source>
        <translation>Sync cannot open the local store</translation>
    </message>
    <message numerus="yes">
        <source>Sync (%n refused)</source>
        <translation>
            <numerusform>Sync (%n refused)</numerusform>
            <numerusform>Sync (%n refused)</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline sign-in: sign in again to sync</source>
        <translation>Offline sign-in: sign in again to sync</translation>
    </message>
    <message>
        <source>Sign in to sync</source>
        <translation>Sign in to sync</translation>
    </message>
    <message>
        <source>Password of %1 for the central server %2:</source>
        <translation>Password of %1 for the central server %2:</translation>
    </message>
    <message>
        <source>The central server cannot be reached; try again when the connection returns.</source>
        <translation>The central server cannot be reached; try again when the connection returns.</translation>
    </message>
    <message>
        <source>Intake</source>
        <translation>Intake</translation>
    </message>
    <message>
        <source>The case number %1 is not valid: %2</source>
        <translation>The case number %1 is not valid: %2</translation>
    </message>
    <message>
        <source>The ID number %1 is not valid: %2</source>
        <translation>The ID number %1 is not valid: %2</translation>
    </message>
    <message>
        <source>The unified social credit code %1 is not valid: %2</source>
        <translation>The unified social credit code %1 is not valid: %2</translation>
    </message>
    <message>
        <source>Enter a case number, an ID number or a unified social credit code, or scan the QR code of the acceptance notice.</source>
        <translation>Enter a case number, an ID number or a unified social credit code, or scan the QR code of the acceptance notice.</translation>
    </message>
    <message>
        <source>Ready to hand out</source>
        <translation>Ready to hand out</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Decision not to grant the licence</source>
        <translation>Decision not to grant the licence</translation>
    </message>
    <message>
        <source>Decision of approval: %1</source>
        <translation>Decision of approval: %1</translation>
    </message>
    <message>
        <source>The case has no recorded events.</source>
        <translation>The case has no recorded events.</translation>
    </message>
    <message>
        <source>Registered but not yet accepted.</source>
        <translation>Registered but not yet accepted.</translation>
    </message>
    <message>
        <source>Accepted, not yet sent for review.</source>
        <translation>Accepted, not yet sent for review.</translation>
    </message>
    <message>
        <source>Accepted, not yet sent for review; due %1.</source>
        <translation>Accepted, not yet sent for review; due %1.</translation>
    </message>
    <message>
        <source>Waiting for the materials listed in the one-time notice.</source>
        <translation>Waiting for the materials listed in the one-time notice.</translation>
    </message>
    <message>
        <source>Under review at %1.</source>
        <translation>Under review at %1.</translation>
    </message>
    <message>
        <source>Under review at %1, due %2.</source>
        <translation>Under review at %1, due %2.</translation>
    </message>
    <message>
        <source>%1 asked for supplementary materials; the time limit is paused.</source>
        <translation>%1 asked for supplementary materials; the time limit is paused.</translation>
    </message>
    <message>
        <source>Review suspended at %1; the time limit is paused.</source>
        <translation>Review suspended at %1; the time limit is paused.</translation>
    </message>
    <message>
        <source>Approved; the certificate has not been produced yet.</source>
        <translation>Approved; the certificate has not been produced yet.</translation>
    </message>
    <message>
        <source>Not accepted at the window: there is no result to hand out.</source>
        <translation>Not accepted at the window: there is no result to hand out.</translation>
    </message>
    <message>
        <source>Already handed out on %1.</source>
        <translation>Already handed out on %1.</translation>
    </message>
    <message>
        <source>Withdrawn by the applicant.</source>
        <translation>Withdrawn by the applicant.</translation>
    </message>
    <message>
        <source>The case was terminated.</source>
        <translation>The case was terminated.</translation>
    </message>
    <message>
        <source>Your role cannot hand out results.</source>
        <translation>Your role cannot hand out results.</translation>
    </message>
    <message>
        <source>To hand out: %1</source>
        <translation>To hand out: %1</translation>
    </message>
    <message>
        <source>Service item</source>
        <translation>Service item</translation>
    </message>
    <message>
        <source>Hand-out</source>
        <translation>Hand-out</translation>
    </message>
    <message>
        <source>Enter the name of the delegate collecting the result. Nothing was recorded.</source>
        <translation>Enter the name of the delegate collecting the result. Nothing was recorded.</translation>
    </message>
    <message>
        <source>Enter the delegate&apos;s ID number and check their ID card. Nothing was recorded.</source>
        <translation>Enter the delegate&apos;s ID number and check their ID card. Nothing was recorded.</translation>
    </message>
    <message>
        <source>The delegate&apos;s ID number is not valid: %1. Nothing was recorded.</source>
        <translation>The delegate&apos;s ID number is not valid: %1. Nothing was recorded.</translation>
    </message>
    <message>
        <source>Enter the mailing address. Nothing was recorded.</source>
        <translation>Enter the mailing address. Nothing was recorded.</translation>
    </message>
    <message>
        <source>Choose the postal carrier. Nothing was recorded.</source>
        <translation>Choose the postal carrier. Nothing was recorded.</translation>
    </message>
    <message>
        <source>A delivery by mail needs the carrier&apos;s tracking number. Nothing was recorded.</source>
        <translation>A delivery by mail needs the carrier&apos;s tracking number. Nothing was recorded.</translation>
    </message>
    <message>
        <source>The tracking number %1 is not valid: enter the letters and digits printed on the waybill. Nothing was recorded.</source>
        <translation>The tracking number %1 is not valid: enter the letters and digits printed on the waybill. Nothing was recorded.</translation>
    </message>
    <message>
        <source>Find the case and choose it in the list first.</source>
        <translation>Find the case and choose it in the list first.</translation>
    </message>
    <message>
        <source>Case %1 cannot be handed out: %2 Nothing was recorded.</source>
        <translation>Case %1 cannot be handed out: %2 Nothing was recorded.</translation>
    </message>
    <message>
        <source>Case %1 handed out: %2.</source>
        <translation>Case %1 handed out: %2.</translation>
    </message>
    <message>
        <source>China Post EMS</source>
        <translation>China Post EMS</translation>
    </message>
    <message>
        <source>China Post registered mail</source>
        <translation>China Post registered mail</translation>
    </message>
    <message>
        <source>SF Express</source>
        <translation>SF Express</translation>
    </message>
    <message>
        <source>JD Logistics</source>
        <translation>JD Logistics</translation>
    </message>
    <message>
        <source>Record the delivery and print the receipt (Ctrl+Enter)</source>
        <translation>Record the delivery and print the receipt (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>The local store cannot be read: %1</source>
        <translation>The local store cannot be read: %1</translation>
    </message>
    <message>
        <source>No case %1 in this workstation&apos;s store.</source>
        <translation>No case %1 in this workstation&apos;s store.</translation>
    </message>
    <message>
        <source>No case of the applicant %1 in this workstation&apos;s store.</source>
        <translation>No case of the applicant %1 in this workstation&apos;s store.</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) found, %1 ready to hand out.</source>
        <translation>
            <numerusform>%n case(s) found, %1 ready to hand out.</numerusform>
            <numerusform>%n case(s) found, %1 ready to hand out.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready to hand out: %1</source>
        <translation>Ready to hand out: %1</translation>
    </message>
    <message>
        <source>Cannot be handed out yet: %1</source>
        <translation>Cannot be handed out yet: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2, %n page(s))</source>
        <translation>
            <numerusform>%1 (%2, %n page(s))</numerusform>
            <numerusform>%1 (%2, %n page(s))</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not a file that can be read.</source>
        <translation>%1 is not a file that can be read.</translation>
    </message>
    <message>
        <source>%1 is %2; an attachment can be at most %3. Scan it at a lower resolution or split it into several files. Nothing was attached.</source>
        <translation>%1 is %2; an attachment can be at most %3. Scan it at a lower resolution or split it into several files. Nothing was attached.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 cannot be read: %2</translation>
    </message>
    <message>
        <source>%1 is not a PNG or JPEG image or a PDF document; only those can be attached. Nothing was attached.</source>
        <translation>%1 is not a PNG or JPEG image or a PDF document; only those can be attached. Nothing was attached.</translation>
    </message>
    <message>
        <source>%1 is damaged or cannot be opened. Nothing was attached.</source>
        <translation>%1 is damaged or cannot be opened. Nothing was attached.</translation>
    </message>
    <message>
        <source>%1 could not be stored: %2</source>
        <translation>%1 could not be stored: %2</translation>
    </message>
    <message>
        <source>Attachment: %1</source>
        <translation>Attachment: %1</translation>
    </message>
    <message>
        <source>This file cannot be shown.</source>
        <translation>This file cannot be shown.</translation>
    </message>
    <message>
        <source>The file is not in this store: %1</source>
        <translation>The file is not in this store: %1</translation>
    </message>
    <message>
        <source>— the first page is shown.</source>
        <translation>— the first page is shown.</translation>
    </message>
    <message>
        <source>Sent to %1 for review.</source>
        <translation>Sent to %1 for review.</translation>
    </message>
    <message>
        <source>The case could not be sent for review: %1</source>
        <translation>The case could not be sent for review: %1</translation>
    </message>
    <message>
        <source>%1 (shared licence No. %2)</source>
        <translation>%1 (shared licence No. %2)</translation>
    </message>
    <message>
        <source>%1 No. %2 (case %3)</source>
        <translation>%1 No. %2 (case %3)</translation>
    </message>
    <message>
        <source>Shared licence: %1, %2</source>
        <translation>Shared licence: %1, %2</translation>
    </message>
    <message>
        <source>Provided by the shared electronic licence %1 No. %2 (case %3); no paper copy is needed.</source>
        <translation>Provided by the shared electronic licence %1 No. %2 (case %3); no paper copy is needed.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file(s)</numerusform>
            <numerusform>%n file(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a material above to attach files to it.</source>
        <translation>Choose a material above to attach files to it.</translation>
    </message>
    <message>
        <source>Files of &quot;%1&quot;: none.</source>
        <translation>Files of &quot;%1&quot;: none.</translation>
    </message>
    <message>
        <source>Files of &quot;%1&quot;:</source>
        <translation>Files of &quot;%1&quot;:</translation>
    </message>
    <message>
        <source>Choose the material the files belong to first.</source>
        <translation>Choose the material the files belong to first.</translation>
    </message>
    <message>
        <source>Attach files to %1</source>
        <translation>Attach files to %1</translation>
    </message>
    <message>
        <source>Scans and PDF documents (*.png *.jpg *.jpeg *.pdf)</source>
        <translation>Scans and PDF documents (*.png *.jpg *.jpeg *.pdf)</translation>
    </message>
    <message>
        <source>%1 is already attached to this material.</source>
        <translation>%1 is already attached to this material.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) attached.</source>
        <translation>
            <numerusform>%n file(s) attached.</numerusform>
            <numerusform>%n file(s) attached.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 was removed from the material.</source>
        <translation>%1 was removed from the material.</translation>
    </message>
    <message>
        <source>Provided as</source>
        <translation>Provided as</translation>
    </message>
    <message>
        <source>Space ticks a material; Insert attaches files to it.</source>
        <translation>Space ticks a material; Insert attaches files to it.</translation>
    </message>
    <message>
        <source>Files attached to the material</source>
        <translation>Files attached to the material</translation>
    </message>
    <message>
        <source>Enter previews the file; Delete removes it from the material.</source>
        <translation>Enter previews the file; Delete removes it from the material.</translation>
    </message>
    <message>
        <source>A&amp;dd file…</source>
        <translation>A&amp;dd file…</translation>
    </message>
    <message>
        <source>Attach scans or photos (PNG, JPEG) or PDF files to the material (Insert)</source>
        <translation>Attach scans or photos (PNG, JPEG) or PDF files to the material (Insert)</translation>
    </message>
    <message>
        <source>Re&amp;move file</source>
        <translation>Re&amp;move file</translation>
    </message>
    <message>
        <source>Previe&amp;w</source>
        <translation>Previe&amp;w</translation>
    </message>
    <message>
        <source>OneWindow ticket kiosk</source>
        <translation>OneWindow ticket kiosk</translation>
    </message>
    <message>
        <source>Take a ticket</source>
        <translation>Take a ticket</translation>
    </message>
    <message>
        <source>Green channel: choose first if it applies to you</source>
        <translation>Green channel: choose first if it applies to you</translation>
    </message>
    <message>
        <source>Appointment check-in</source>
        <translation>Appointment check-in</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>Save ticket as PDF</source>
        <translation>Save ticket as PDF</translation>
    </message>
    <message>
        <source>Print ticket</source>
        <translation>Print ticket</translation>
    </message>
    <message>
        <source>Touch the service you came for.</source>
        <translation>Touch the service you came for.</translation>
    </message>
    <message>
        <source>No ticket could be issued: %1 Please ask the staff at the information desk.</source>
        <translation>No ticket could be issued: %1 Please ask the staff at the information desk.</translation>
    </message>
    <message>
        <source> · green channel (%1)</source>
        <translation> · green channel (%1)</translation>
    </message>
    <message>
        <source>You are next.</source>
        <translation>You are next.</translation>
    </message>
    <message numerus="yes">
        <source>%n people waiting ahead of you.</source>
        <translation>
            <numerusform>%n people waiting ahead of you.</numerusform>
            <numerusform>%n people waiting ahead of you.</numerusform>
        </translation>
    </message>
    <message>
        <source>Please wait until your number is shown and called.</source>
        <translation>Please wait until your number is shown and called.</translation>
    </message>
    <message>
        <source>Queue ticket</source>
        <translation>Queue ticket</translation>
    </message>
    <message>
        <source>Please keep this ticket; a missed number can be called back at the window.</source>
        <translation>Please keep this ticket; a missed number can be called back at the window.</translation>
    </message>
    <message>
        <source>Ticket %1 printed.</source>
        <translation>Ticket %1 printed.</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <source>Ticket saved as %1.</source>
        <translation>Ticket saved as %1.</translation>
    </message>
    <message>
        <source>No ticket has been issued yet.</source>
        <translation>No ticket has been issued yet.</translation>
    </message>
    <message>
        <source>Queue ticket %1</source>
        <translation>Queue ticket %1</translation>
    </message>
    <message>
        <source>The file %1 cannot be written.</source>
        <translation>The file %1 cannot be written.</translation>
    </message>
    <message>
        <source>The queue setting &quot;%1&quot; is not a list; the default is used.</source>
        <translation>The queue setting &quot;%1&quot; is not a list; the default is used.</translation>
    </message>
    <message>
        <source>General intake</source>
        <translation>General intake</translation>
    </message>
    <message>
        <source>Business services</source>
        <translation>Business services</translation>
    </message>
    <message>
        <source>Result collection</source>
        <translation>Result collection</translation>
    </message>
    <message>
        <source>Enquiries</source>
        <translation>Enquiries</translation>
    </message>
    <message>
        <source>Window %1</source>
        <translation>Window %1</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>To &amp;window:</source>
        <translation>To &amp;window:</translation>
    </message>
    <message>
        <source>To &amp;category:</source>
        <translation>To &amp;category:</translation>
    </message>
    <message>
        <source>Transfer ticket %1</source>
        <translation>Transfer ticket %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Ticket %1 waits again at the chosen window (called there first) or in the chosen category (keeping its place).</source>
        <translation>Ticket %1 waits again at the chosen window (called there first) or in the chosen category (keeping its place).</translation>
    </message>
    <message>
        <source>&amp;Transfer</source>
        <translation>&amp;Transfer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>What went wrong? (optional, for the supervisor)</source>
        <translation>What went wrong? (optional, for the supervisor)</translation>
    </message>
    <message>
        <source>Service evaluation for ticket %1</source>
        <translation>Service evaluation for ticket %1</translation>
    </message>
    <message>
        <source>Please ask the resident to rate the service of ticket %1:</source>
        <translation>Please ask the resident to rate the service of ticket %1:</translation>
    </message>
    <message>
        <source>e.g. waited too long, asked to come back twice</source>
        <translation>e.g. waited too long, asked to come back twice</translation>
    </message>
    <message>
        <source>&amp;Record evaluation</source>
        <translation>&amp;Record evaluation</translation>
    </message>
    <message>
        <source>The resident &amp;declined</source>
        <translation>The resident &amp;declined</translation>
    </message>
    <message>
        <source>%1 please go to %2</source>
        <translation>%1 please go to %2</translation>
    </message>
    <message>
        <source>OneWindow queue display</source>
        <translation>OneWindow queue display</translation>
    </message>
    <message>
        <source>Now calling</source>
        <translation>Now calling</translation>
    </message>
    <message>
        <source>Called before</source>
        <translation>Called before</translation>
    </message>
    <message>
        <source>Waiting in line</source>
        <translation>Waiting in line</translation>
    </message>
    <message>
        <source>The queue cannot be read: %1</source>
        <translation>The queue cannot be read: %1</translation>
    </message>
    <message>
        <source>Please wait for your number</source>
        <translation>Please wait for your number</translation>
    </message>
    <message>
        <source>please go to %1</source>
        <translation>please go to %1</translation>
    </message>
    <message>
        <source>%1 %2: &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>%1 %2: &lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The queue cannot be read from the local store: %1</source>
        <translation>The queue cannot be read from the local store: %1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Calling %1 to %2.</source>
        <translation>Calling %1 to %2.</translation>
    </message>
    <message>
        <source>Type the ticket number to call, e.g. A012.</source>
        <translation>Type the ticket number to call, e.g. A012.</translation>
    </message>
    <message>
        <source>No ticket is parked.</source>
        <translation>No ticket is parked.</translation>
    </message>
    <message>
        <source>Calling %1 again (call %2).</source>
        <translation>Calling %1 again (call %2).</translation>
    </message>
    <message>
        <source>Serving %1; waited %2.</source>
        <translation>Serving %1; waited %2.</translation>
    </message>
    <message>
        <source>Service of %1 finished after %2.</source>
        <translation>Service of %1 finished after %2.</translation>
    </message>
    <message>
        <source>%1 given up as a no-show.</source>
        <translation>%1 given up as a no-show.</translation>
    </message>
    <message>
        <source>%1 parked; call it back when the resident returns (F10).</source>
        <translation>%1 parked; call it back when the resident returns (F10).</translation>
    </message>
    <message>
        <source>Window %1 has no ticket to transfer.</source>
        <translation>Window %1 has no ticket to transfer.</translation>
    </message>
    <message>
        <source>Ticket %1 is no longer at this window.</source>
        <translation>Ticket %1 is no longer at this window.</translation>
    </message>
    <message>
        <source>%1 transferred to %2.</source>
        <translation>%1 transferred to %2.</translation>
    </message>
    <message>
        <source>%1 transferred to the category %2.</source>
        <translation>%1 transferred to the category %2.</translation>
    </message>
    <message>
        <source>%1 is paused: it calls nobody until resumed (F9).</source>
        <translation>%1 is paused: it calls nobody until resumed (F9).</translation>
    </message>
    <message>
        <source>%1 is open again.</source>
        <translation>%1 is open again.</translation>
    </message>
    <message>
        <source>Service of %1 finished; the resident did not evaluate it.</source>
        <translation>Service of %1 finished; the resident did not evaluate it.</translation>
    </message>
    <message>
        <source>Evaluation of %1 recorded: %2.</source>
        <translation>Evaluation of %1 recorded: %2.</translation>
    </message>
    <message>
        <source>The case is not in this workstation&apos;s store; the evaluation stays with the ticket.</source>
        <translation>The case is not in this workstation&apos;s store; the evaluation stays with the ticket.</translation>
    </message>
    <message>
        <source>Case %1 is %2 and takes an evaluation only after its result is delivered or it is refused; the evaluation stays with the ticket.</source>
        <translation>Case %1 is %2 and takes an evaluation only after its result is delivered or it is refused; the evaluation stays with the ticket.</translation>
    </message>
    <message>
        <source>Not recorded on case %1: %2; the evaluation stays with the ticket.</source>
        <translation>Not recorded on case %1: %2; the evaluation stays with the ticket.</translation>
    </message>
    <message>
        <source>Also recorded on case %1.</source>
        <translation>Also recorded on case %1.</translation>
    </message>
    <message>
        <source>This workstation now calls for %1.</source>
        <translation>This workstation now calls for %1.</translation>
    </message>
    <message>
        <source>Transferred from %1</source>
        <translation>Transferred from %1</translation>
    </message>
    <message numerus="yes">
        <source>Waiting for this window (green channel first): %n</source>
        <translation>
            <numerusform>Waiting for this window (green channel first): %n</numerusform>
            <numerusform>Waiting for this window (green channel first): %n</numerusform>
        </translation>
    </message>
    <message>
        <source>No ticket at this window. Call the next one with F2.</source>
        <translation>No ticket at this window. Call the next one with F2.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source>Waited %1 before the first call; called %n time(s).</source>
        <translation>
            <numerusform>Waited %1 before the first call; called %n time(s).</numerusform>
            <numerusform>Waited %1 before the first call; called %n time(s).</numerusform>
        </translation>
    </message>
    <message>
        <source>Serving for %1.</source>
        <translation>Serving for %1.</translation>
    </message>
    <message>
        <source>Called %1 ago.</source>
        <translation>Called %1 ago.</translation>
    </message>
    <message>
        <source>Case: %1</source>
        <translation>Case: %1</translation>
    </message>
    <message>
        <source>Resume window (F9)</source>
        <translation>Resume window (F9)</translation>
    </message>
    <message>
        <source>Pause window (F9)</source>
        <translation>Pause window (F9)</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Window %1 has no ticket to link the case to.</source>
        <translation>Window %1 has no ticket to link the case to.</translation>
    </message>
    <message>
        <source>Case linked to ticket %1.</source>
        <translation>Case linked to ticket %1.</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Run as the full-screen ticket kiosk of the queue (no sign-in).</source>
        <translation>Run as the full-screen ticket kiosk of the queue (no sign-in).</translation>
    </message>
    <message>
        <source>Run as the full-screen display of the numbers being called (no sign-in).</source>
        <translation>Run as the full-screen display of the numbers being called (no sign-in).</translation>
    </message>
    <message>
        <source>Choose either --kiosk or --display, not both.</source>
        <translation>Choose either --kiosk or --display, not both.</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) overdue</source>
        <translation>
            <numerusform>%n working day(s) overdue</numerusform>
            <numerusform>%n working day(s) overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>Clock stopped</source>
        <translation>Clock stopped</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>%n working day(s) left</numerusform>
            <numerusform>%n working day(s) left</numerusform>
        </translation>
    </message>
    <message>
        <source>Unclaimed</source>
        <translation>Unclaimed</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Office</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>Claimed by</source>
        <translation>Claimed by</translation>
    </message>
    <message>
        <source>Any time left</source>
        <translation>Any time left</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Due within 1 working day</source>
        <translation>Due within 1 working day</translation>
    </message>
    <message>
        <source>Due within 3 working days</source>
        <translation>Due within 3 working days</translation>
    </message>
    <message>
        <source>Claimed or not</source>
        <translation>Claimed or not</translation>
    </message>
    <message>
        <source>Claimed by me</source>
        <translation>Claimed by me</translation>
    </message>
    <message>
        <source>All items</source>
        <translation>All items</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>All offices</translation>
    </message>
    <message numerus="yes">
        <source>More than %n case(s)</source>
        <translation>
            <numerusform>More than %n case(s)</numerusform>
            <numerusform>More than %n case(s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case(s)</numerusform>
            <numerusform>%n case(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a case first.</source>
        <translation>Select a case first.</translation>
    </message>
    <message>
        <source>The case could not be claimed: %1</source>
        <translation>The case could not be claimed: %1</translation>
    </message>
    <message>
        <source>The case could not be released: %1</source>
        <translation>The case could not be released: %1</translation>
    </message>
    <message>
        <source>Claimed %1.</source>
        <translation>Claimed %1.</translation>
    </message>
    <message>
        <source>Released %1.</source>
        <translation>Released %1.</translation>
    </message>
    <message>
        <source>Your account belongs to no department; ask the administrator to assign one.</source>
        <translation>Your account belongs to no department; ask the administrator to assign one.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Does not agree</source>
        <translation>Does not agree</translation>
    </message>
    <message>
        <source>Agrees</source>
        <translation>Agrees</translation>
    </message>
    <message>
        <source>Claim released</source>
        <translation>Claim released</translation>
    </message>
    <message>
        <source>Claimed by %1</source>
        <translation>Claimed by %1</translation>
    </message>
    <message>
        <source>Back to the inbox (Esc)</source>
        <translation>Back to the inbox (Esc)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Opinion</source>
        <translation>Opinion</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Application form</source>
        <translation>Application form</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Departments</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>For:</translation>
    </message>
    <message>
        <source>The reviewer&apos;s opinion</source>
        <translation>The reviewer&apos;s opinion</translation>
    </message>
    <message>
        <source>&amp;Opinion:</source>
        <translation>&amp;Opinion:</translation>
    </message>
    <message>
        <source>Required to deny or suspend, e.g. 《行政许可法》第三十八条</source>
        <translation>Required to deny or suspend, e.g. 《行政许可法》第三十八条</translation>
    </message>
    <message>
        <source>&amp;Basis or reason:</source>
        <translation>&amp;Basis or reason:</translation>
    </message>
    <message>
        <source>Materials to supplement, separated by &quot;；&quot;</source>
        <translation>Materials to supplement, separated by &quot;；&quot;</translation>
    </message>
    <message>
        <source>&amp;Supplement:</source>
        <translation>&amp;Supplement:</translation>
    </message>
    <message>
        <source>Other suspension (中止)</source>
        <translation>Other suspension (中止)</translation>
    </message>
    <message>
        <source>Hearing (听证)</source>
        <translation>Hearing (听证)</translation>
    </message>
    <message>
        <source>Inspection (检验)</source>
        <translation>Inspection (检验)</translation>
    </message>
    <message>
        <source>Testing (检测)</source>
        <translation>Testing (检测)</translation>
    </message>
    <message>
        <source>Quarantine (检疫)</source>
        <translation>Quarantine (检疫)</translation>
    </message>
    <message>
        <source>Appraisal (鉴定)</source>
        <translation>Appraisal (鉴定)</translation>
    </message>
    <message>
        <source>Expert review (专家评审)</source>
        <translation>Expert review (专家评审)</translation>
    </message>
    <message>
        <source>Suspension &amp;kind:</source>
        <translation>Suspension &amp;kind:</translation>
    </message>
    <message>
        <source>Request supplement</source>
        <translation>Request supplement</translation>
    </message>
    <message>
        <source>Supplement received</source>
        <translation>Supplement received</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Suspend</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>Terminate</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4</source>
        <translation>%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>Time limit not started</source>
        <translation>Time limit not started</translation>
    </message>
    <message>
        <source>Clock stopped; due %1 if it ran again today (%2 working days stopped)</source>
        <translation>Clock stopped; due %1 if it ran again today (%2 working days stopped)</translation>
    </message>
    <message numerus="yes">
        <source>Concluded after %n working day(s)</source>
        <translation>
            <numerusform>Concluded after %n working day(s)</numerusform>
            <numerusform>Concluded after %n working day(s)</numerusform>
        </translation>
    </message>
    <message>
        <source> · due %1</source>
        <translation> · due %1</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>No materials recorded.</source>
        <translation>No materials recorded.</translation>
    </message>
    <message>
        <source>%1 (lead)</source>
        <translation>%1 (lead)</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Waiting for: %1</source>
        <translation>Waiting for: %1</translation>
    </message>
    <message>
        <source>%1 does not agree to %2 (%3); only the other items can be approved.</source>
        <translation>%1 does not agree to %2 (%3); only the other items can be approved.</translation>
    </message>
    <message>
        <source>%1 (lead department)</source>
        <translation>%1 (lead department)</translation>
    </message>
    <message>
        <source>None of your departments reviews this case.</source>
        <translation>None of your departments reviews this case.</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>Agree</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Deny</translation>
    </message>
    <message>
        <source>Do not agree</source>
        <translation>Do not agree</translation>
    </message>
    <message>
        <source>Recorded: %1.</source>
        <translation>Recorded: %1.</translation>
    </message>
    <message>
        <source>The case was approved, but its certificate could not be recorded: %1</source>
        <translation>The case was approved, but its certificate could not be recorded: %1</translation>
    </message>
    <message>
        <source>Certificate %1 is ready to print.</source>
        <translation>Certificate %1 is ready to print.</translation>
    </message>
    <message>
        <source>The case %1 is not in this workstation&apos;s store.</source>
        <translation>The case %1 is not in this workstation&apos;s store.</translation>
    </message>
    <message>
        <source>Open a case first.</source>
        <translation>Open a case first.</translation>
    </message>
    <message>
        <source>The case can be concluded once every department has given its opinion; waiting for: %1.</source>
        <translation>The case can be concluded once every department has given its opinion; waiting for: %1.</translation>
    </message>
    <message>
        <source>A denial must cite its legal basis: fill in &quot;Basis or reason&quot;.</source>
        <translation>A denial must cite its legal basis: fill in &quot;Basis or reason&quot;.</translation>
    </message>
    <message>
        <source>List the materials to supplement, separated by &quot;；&quot;.</source>
        <translation>List the materials to supplement, separated by &quot;；&quot;.</translation>
    </message>
    <message>
        <source>A suspension must give its reason: fill in &quot;Basis or reason&quot;.</source>
        <translation>A suspension must give its reason: fill in &quot;Basis or reason&quot;.</translation>
    </message>
    <message>
        <source>Only the lead department can terminate the case.</source>
        <translation>Only the lead department can terminate the case.</translation>
    </message>
    <message>
        <source>A termination must cite its legal basis: fill in &quot;Basis or reason&quot;.</source>
        <translation>A termination must cite its legal basis: fill in &quot;Basis or reason&quot;.</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>★ %1 (%2)</source>
        <translation>★ %1 (%2)</translation>
    </message>
    <message>
        <source>The favourites could not be saved: %1</source>
        <translation>The favourites could not be saved: %1</translation>
    </message>
    <message>
        <source>★ Remove from favourites</source>
        <translation>★ Remove from favourites</translation>
    </message>
    <message>
        <source>☆ Add to favourites</source>
        <translation>☆ Add to favourites</translation>
    </message>
    <message>
        <source>Keep this item among the window&apos;s favourites (Ctrl+D)</source>
        <translation>Keep this item among the window&apos;s favourites (Ctrl+D)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <source>100 % (Ctrl+0)</source>
        <translation>100 % (Ctrl+0)</translation>
    </message>
    <message>
        <source>Previous page (PgUp)</source>
        <translation>Previous page (PgUp)</translation>
    </message>
    <message>
        <source>Next page (PgDn)</source>
        <translation>Next page (PgDn)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>page %1 of %2</translation>
    </message>
    <message>
        <source>File: %1 — Enter to view</source>
        <translation>File: %1 — Enter to view</translation>
    </message>
    <message>
        <source>All open cases</source>
        <translation>All open cases</translation>
    </message>
    <message>
        <source>Including concluded</source>
        <translation>Including concluded</translation>
    </message>
    <message>
        <source>Decided by smart approval at acceptance: %1</source>
        <translation>Decided by smart approval at acceptance: %1</translation>
    </message>
    <message>
        <source>The supplement was requested, but its notice could not be written: %1</source>
        <translation>The supplement was requested, but its notice could not be written: %1</translation>
    </message>
    <message numerus="yes">
        <source>Time limit extended by %n working day(s), approved by %1 (%2)</source>
        <translation>
            <numerusform>Time limit extended by %n working day(s), approved by %1 (%2)</numerusform>
            <numerusform>Time limit extended by %n working day(s), approved by %1 (%2)</numerusform>
        </translation>
    </message>
    <message>
        <source> working days</source>
        <translation> working days</translation>
    </message>
    <message>
        <source>Approved by (head of the authority)</source>
        <translation>Approved by (head of the authority)</translation>
    </message>
    <message>
        <source>E&amp;xtension:</source>
        <translation>E&amp;xtension:</translation>
    </message>
    <message>
        <source>Extend the time limit</source>
        <translation>Extend the time limit</translation>
    </message>
    <message numerus="yes">
        <source>Extended by %n working day(s) already: %1</source>
        <translation>
            <numerusform>Extended by %n working day(s) already: %1</numerusform>
            <numerusform>Extended by %n working day(s) already: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>An extension needs the approval of the authority&apos;s head: fill in who approved it.</source>
        <translation>An extension needs the approval of the authority&apos;s head: fill in who approved it.</translation>
    </message>
    <message>
        <source>An extension must cite its basis: fill in &quot;Basis or reason&quot;, e.g. 《行政许可法》第四十二条.</source>
        <translation>An extension must cite its basis: fill in &quot;Basis or reason&quot;, e.g. 《行政许可法》第四十二条.</translation>
    </message>
    <message>
        <source>Applicant&apos;s licences and other cases</source>
        <translation>Applicant&apos;s licences and other cases</translation>
    </message>
    <message>
        <source>Record the review opinion (审查)</source>
        <translation>Record the review opinion (审查)</translation>
    </message>
    <message>
        <source>Licences held: none recorded here.</source>
        <translation>Licences held: none recorded here.</translation>
    </message>
    <message>
        <source>%1 No. %2 (valid until %3)</source>
        <translation>%1 No. %2 (valid until %3)</translation>
    </message>
    <message>
        <source>%1 No. %2</source>
        <translation>%1 No. %2</translation>
    </message>
    <message>
        <source>Licences held: %1</source>
        <translation>Licences held: %1</translation>
    </message>
    <message>
        <source>Write the review opinion first.</source>
        <translation>Write the review opinion first.</translation>
    </message>
    <message>
        <source>Supplementary materials for case %1 received; the reviewing department has them and the time limit runs again.</source>
        <translation>Supplementary materials for case %1 received; the reviewing department has them and the time limit runs again.</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>PDF files</source>
        <translation>PDF files</translation>
    </message>
    <message>
        <source>&amp;Save for this printer</source>
        <translation>&amp;Save for this printer</translation>
    </message>
    <message>
        <source>No correction: everything is printed where the template places it.</source>
        <translation>No correction: everything is printed where the template places it.</translation>
    </message>
    <message>
        <source>everything moves %1 mm to the right</source>
        <translation>everything moves %1 mm to the right</translation>
    </message>
    <message>
        <source>everything moves %1 mm to the left</source>
        <translation>everything moves %1 mm to the left</translation>
    </message>
    <message>
        <source>%1 mm down</source>
        <translation>%1 mm down</translation>
    </message>
    <message>
        <source>%1 mm up</source>
        <translation>%1 mm up</translation>
    </message>
    <message>
        <source>the page is stretched to %1 % wide and %2 % high</source>
        <translation>the page is stretched to %1 % wide and %2 % high</translation>
    </message>
    <message>
        <source>Corrected, %1. The top left cross of the sheet (20, 20 mm) is printed at (%2, %3 mm); the crosses 170 mm apart are printed %4 mm apart, those 257 mm apart %5 mm apart.</source>
        <translation>Corrected, %1. The top left cross of the sheet (20, 20 mm) is printed at (%2, %3 mm); the crosses 170 mm apart are printed %4 mm apart, those 257 mm apart %5 mm apart.</translation>
    </message>
    <message>
        <source>Saved: every print on %1 is corrected this way.</source>
        <translation>Saved: every print on %1 is corrected this way.</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>The folder %1 cannot be created.</translation>
    </message>
    <message>
        <source>The calibration sheet was written to %1.</source>
        <translation>The calibration sheet was written to %1.</translation>
    </message>
    <message>
        <source>The printer %1 is not available.</source>
        <translation>The printer %1 is not available.</translation>
    </message>
    <message>
        <source>The calibration sheet was sent to %1.</source>
        <translation>The calibration sheet was sent to %1.</translation>
    </message>
    <message>
        <source>Choose the printer the calibration belongs to.</source>
        <translation>Choose the printer the calibration belongs to.</translation>
    </message>
    <message>
        <source>The calibration could not be saved: %1</source>
        <translation>The calibration could not be saved: %1</translation>
    </message>
    <message>
        <source>Certificate %1 names no template; the catalogue must give its item one.</source>
        <translation>Certificate %1 names no template; the catalogue must give its item one.</translation>
    </message>
    <message>
        <source>The template %1 of certificate %2 cannot be used: %3</source>
        <translation>The template %1 of certificate %2 cannot be used: %3</translation>
    </message>
    <message>
        <source>Choose the certificates to print in the list first.</source>
        <translation>Choose the certificates to print in the list first.</translation>
    </message>
    <message>
        <source>Choose the folder the PDF files are written to.</source>
        <translation>Choose the folder the PDF files are written to.</translation>
    </message>
    <message>
        <source>A reprint needs its reason (e.g. 原证污损): nothing was printed.</source>
        <translation>A reprint needs its reason (e.g. 原证污损): nothing was printed.</translation>
    </message>
    <message>
        <source>Enter the serial number of the first sheet of certificate paper.</source>
        <translation>Enter the serial number of the first sheet of certificate paper.</translation>
    </message>
    <message>
        <source>Certificate %1 is not signed yet (awaiting signature): it can be printed once a sync brings its verification code.</source>
        <translation>Certificate %1 is not signed yet (awaiting signature): it can be printed once a sync brings its verification code.</translation>
    </message>
    <message>
        <source>Certificate %1 was printed before: choose Reprint and give the reason.</source>
        <translation>Certificate %1 was printed before: choose Reprint and give the reason.</translation>
    </message>
    <message>
        <source>Certificate %1 has not been printed yet: print it, a first print is not a reprint.</source>
        <translation>Certificate %1 has not been printed yet: print it, a first print is not a reprint.</translation>
    </message>
    <message>
        <source>The template of certificate %1 has no layout for pre-printed paper: print it on plain paper.</source>
        <translation>The template of certificate %1 has no layout for pre-printed paper: print it on plain paper.</translation>
    </message>
    <message>
        <source>The certificate paper is used up: no serial is left after %1.</source>
        <translation>The certificate paper is used up: no serial is left after %1.</translation>
    </message>
    <message>
        <source>Certificate %1 could not be written: %2</source>
        <translation>Certificate %1 could not be written: %2</translation>
    </message>
    <message>
        <source>Certificate %1 could not be printed on %2: %3</source>
        <translation>Certificate %1 could not be printed on %2: %3</translation>
    </message>
    <message>
        <source>The print of certificate %1 was not recorded: %2</source>
        <translation>The print of certificate %1 was not recorded: %2</translation>
    </message>
    <message>
        <source>The certificate is not in the local store.</source>
        <translation>The certificate is not in the local store.</translation>
    </message>
    <message>
        <source>Name the printer the sheet was spoiled in.</source>
        <translation>Name the printer the sheet was spoiled in.</translation>
    </message>
    <message>
        <source>Enter the serial number of the spoiled sheet of certificate paper.</source>
        <translation>Enter the serial number of the spoiled sheet of certificate paper.</translation>
    </message>
    <message>
        <source>Say what happened to the sheet (e.g. 卡纸): nothing was recorded.</source>
        <translation>Say what happened to the sheet (e.g. 卡纸): nothing was recorded.</translation>
    </message>
    <message>
        <source>The preview cannot be drawn.</source>
        <translation>The preview cannot be drawn.</translation>
    </message>
    <message>
        <source>Certificate %1 cannot be shown: %2</source>
        <translation>Certificate %1 cannot be shown: %2</translation>
    </message>
    <message>
        <source>Reprint certificates</source>
        <translation>Reprint certificates</translation>
    </message>
    <message>
        <source>Print certificates</source>
        <translation>Print certificates</translation>
    </message>
    <message>
        <source>&amp;Reprint</source>
        <translation>&amp;Reprint</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… and %1 more</translation>
    </message>
    <message>
        <source>&lt;b&gt;Certificates to print: %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Certificates to print: %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Plain paper (the whole design)</source>
        <translation>Plain paper (the whole design)</translation>
    </message>
    <message>
        <source>Pre-printed certificate paper (variable fields only)</source>
        <translation>Pre-printed certificate paper (variable fields only)</translation>
    </message>
    <message>
        <source>The certificate was soiled or damaged</source>
        <translation>The certificate was soiled or damaged</translation>
    </message>
    <message>
        <source>The certificate was lost</source>
        <translation>The certificate was lost</translation>
    </message>
    <message>
        <source>Printing fault (paper jam, misprint)</source>
        <translation>Printing fault (paper jam, misprint)</translation>
    </message>
    <message>
        <source>Required: why it is printed again</source>
        <translation>Required: why it is printed again</translation>
    </message>
    <message>
        <source>Folder for the PDF files</source>
        <translation>Folder for the PDF files</translation>
    </message>
    <message>
        <source>This printer is not calibrated: fields are placed as the template says.</source>
        <translation>This printer is not calibrated: fields are placed as the template says.</translation>
    </message>
    <message>
        <source>Calibration applied: shifted %1 mm right, %2 mm down; scaled %3 × %4.</source>
        <translation>Calibration applied: shifted %1 mm right, %2 mm down; scaled %3 × %4.</translation>
    </message>
    <message>
        <source>Only %1 sheets of certificate paper are left for this certificate type.</source>
        <translation>Only %1 sheets of certificate paper are left for this certificate type.</translation>
    </message>
    <message>
        <source>No certificate paper is left for this office: ask the administrator to issue a new range.</source>
        <translation>No certificate paper is left for this office: ask the administrator to issue a new range.</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>Certificate number</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>Holder</translation>
    </message>
    <message>
        <source>Approved on</source>
        <translation>Approved on</translation>
    </message>
    <message>
        <source>The print queue cannot be read: %1</source>
        <translation>The print queue cannot be read: %1</translation>
    </message>
    <message>
        <source>Awaiting signature</source>
        <translation>Awaiting signature</translation>
    </message>
    <message>
        <source>Printed %1× (last %2)</source>
        <translation>Printed %1× (last %2)</translation>
    </message>
    <message>
        <source>Ready to print</source>
        <translation>Ready to print</translation>
    </message>
    <message>
        <source>The central server has not signed this certificate yet: it can be printed after the next sync brings its verification code.</source>
        <translation>The central server has not signed this certificate yet: it can be printed after the next sync brings its verification code.</translation>
    </message>
    <message>
        <source>Nothing waits to be printed at this office.</source>
        <translation>Nothing waits to be printed at this office.</translation>
    </message>
    <message>
        <source>No certificate matches &quot;%1&quot;.</source>
        <translation>No certificate matches &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>%1 certificates listed.</source>
        <translation>%1 certificates listed.</translation>
    </message>
    <message>
        <source>%1 certificates listed, %2 of them awaiting signature.</source>
        <translation>%1 certificates listed, %2 of them awaiting signature.</translation>
    </message>
    <message>
        <source>Printing certificates…</source>
        <translation>Printing certificates…</translation>
    </message>
    <message>
        <source>Stop after this certificate</source>
        <translation>Stop after this certificate</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>Printing %1 (%2 of %3)…</source>
        <translation>Printing %1 (%2 of %3)…</translation>
    </message>
    <message>
        <source>Printed %1 of %2 as PDF files in %3: %4.</source>
        <translation>Printed %1 of %2 as PDF files in %3: %4.</translation>
    </message>
    <message>
        <source>Printed %1 of %2 on %3: %4.</source>
        <translation>Printed %1 of %2 on %3: %4.</translation>
    </message>
    <message>
        <source>Last sheet used: %1.</source>
        <translation>Last sheet used: %1.</translation>
    </message>
    <message>
        <source>Stopped: %1 certificates were not printed and stay in the queue.</source>
        <translation>Stopped: %1 certificates were not printed and stay in the queue.</translation>
    </message>
    <message>
        <source>Choose the one certificate whose sheet was spoiled.</source>
        <translation>Choose the one certificate whose sheet was spoiled.</translation>
    </message>
    <message>
        <source>Sheet %1 recorded as spoiled and voided; certificate %2 was not counted as printed by it.</source>
        <translation>Sheet %1 recorded as spoiled and voided; certificate %2 was not counted as printed by it.</translation>
    </message>
    <message>
        <source>Choose the certificates to preview in the list first.</source>
        <translation>Choose the certificates to preview in the list first.</translation>
    </message>
    <message>
        <source>Preview (not valid as a certificate)</source>
        <translation>Preview (not valid as a certificate)</translation>
    </message>
    <message>
        <source>Spoiled sheet</source>
        <translation>Spoiled sheet</translation>
    </message>
    <message>
        <source>A blank sheet of certificate paper was ruined while printing %1 (%2), before the certificate was on it (e.g. it jammed while feeding). Its serial number is voided and cannot be used again. A sheet that printed but came out wrong is already counted: reprint the certificate with the reason.</source>
        <translation>A blank sheet of certificate paper was ruined while printing %1 (%2), before the certificate was on it (e.g. it jammed while feeding). Its serial number is voided and cannot be used again. A sheet that printed but came out wrong is already counted: reprint the certificate with the reason.</translation>
    </message>
    <message>
        <source>P&amp;rinter:</source>
        <translation>P&amp;rinter:</translation>
    </message>
    <message>
        <source>The number printed on the spoiled sheet</source>
        <translation>The number printed on the spoiled sheet</translation>
    </message>
    <message>
        <source>&amp;Serial number:</source>
        <translation>&amp;Serial number:</translation>
    </message>
    <message>
        <source>Paper jam</source>
        <translation>Paper jam</translation>
    </message>
    <message>
        <source>Misprint</source>
        <translation>Misprint</translation>
    </message>
    <message>
        <source>Printed out of position</source>
        <translation>Printed out of position</translation>
    </message>
    <message>
        <source>&amp;What happened:</source>
        <translation>&amp;What happened:</translation>
    </message>
    <message>
        <source>&amp;Void the sheet</source>
        <translation>&amp;Void the sheet</translation>
    </message>
    <message>
        <source>Void sheet %1? This cannot be undone.</source>
        <translation>Void sheet %1? This cannot be undone.</translation>
    </message>
    <message>
        <source>no end date (long-term)</source>
        <translation>no end date (long-term)</translation>
    </message>
    <message>
        <source>Genuine</source>
        <translation>Genuine</translation>
    </message>
    <message>
        <source>Forged</source>
        <translation>Forged</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>Unreadable</translation>
    </message>
    <message>
        <source>Unknown issuing authority</source>
        <translation>Unknown issuing authority</translation>
    </message>
    <message>
        <source>The catalogue on this workstation names no issuing authority&apos;s key: codes cannot be checked until a sync brings one.</source>
        <translation>The catalogue on this workstation names no issuing authority&apos;s key: codes cannot be checked until a sync brings one.</translation>
    </message>
    <message>
        <source>Signed by the issuing authority and unchanged since.</source>
        <translation>Signed by the issuing authority and unchanged since.</translation>
    </message>
    <message>
        <source>Certificate number (claimed)</source>
        <translation>Certificate number (claimed)</translation>
    </message>
    <message>
        <source>Holder&apos;s ID or credit code</source>
        <translation>Holder&apos;s ID or credit code</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Issued on</translation>
    </message>
    <message>
        <source>Issuing authority</source>
        <translation>Issuing authority</translation>
    </message>
    <message>
        <source>Certificate record</source>
        <translation>Certificate record</translation>
    </message>
</context>
<context>
    <name>VerifyCertificateDialog</name>
    <message>
        <source>Verify a certificate</source>
        <translation>Verify a certificate</translation>
    </message>
    <message>
        <source>Scan the certificate&apos;s QR code or paste its verification &amp;code:</source>
        <translation>Scan the certificate&apos;s QR code or paste its verification &amp;code:</translation>
    </message>
    <message>
        <source>OW1:… then Enter</source>
        <translation>OW1:… then Enter</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Verify</translation>
    </message>
    <message>
        <source>Compare the details above with what is printed on the paper: a genuine code on a certificate that says something else is a forgery too. Whether a certificate was revoked is known to the central server (verification page).</source>
        <translation>Compare the details above with what is printed on the paper: a genuine code on a certificate that says something else is a forgery too. Whether a certificate was revoked is known to the central server (verification page).</translation>
    </message>
</context>
</TS>
