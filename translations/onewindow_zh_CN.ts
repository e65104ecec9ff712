<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Admin</name>
    <message>
        <source>Usage: onewindow-admin [--lang zh_CN|en] COMMAND [ARGS...]</source>
        <translation>用法：onewindow-admin [--lang zh_CN|en] 命令 [参数...]</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;; run onewindow-admin --help for the list.</source>
        <translation>未知命令“%1”；运行 onewindow-admin --help 查看命令列表。</translation>
    </message>
    <message>
        <source>Usage: onewindow-admin %1 %2</source>
        <translation>用法：onewindow-admin %1 %2</translation>
    </message>
    <message>
        <source>Check a citizen ID card number and show the facts it encodes</source>
        <translation>校验公民身份号码并显示号码所含信息</translation>
    </message>
    <message>
        <source>Invalid ID card number: %1</source>
        <translation>身份证号码无效：%1</translation>
    </message>
    <message>
        <source>Check a unified social credit code and show the facts it encodes</source>
        <translation>校验统一社会信用代码并显示代码所含信息</translation>
    </message>
    <message>
        <source>Invalid unified social credit code: %1</source>
        <translation>统一社会信用代码无效：%1</translation>
    </message>
    <message>
        <source>%1 (--%2 is required)</source>
        <translation>%1（必须指定 --%2）</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>Create a new encrypted store; its key goes to the keychain and, wrapped for the centre&apos;s recovery key, to an escrow file beside it</source>
        <translation>创建新的加密数据存储；其密钥保存到密钥环，并用中心的恢复密钥加密后托管到旁边的文件中</translation>
    </message>
    <message>
        <source>%1 (give either --recovery-public-key or --no-escrow, not both)</source>
        <translation>%1（--recovery-public-key 与 --no-escrow 只能指定其一）</translation>
    </message>
    <message>
        <source>Created store %1 in %2.</source>
        <translation>已在 %2 创建数据存储 %1。</translation>
    </message>
    <message>
        <source>Key: keychain service &quot;%1&quot;, backend %2.</source>
        <translation>密钥：密钥环服务“%1”，后端 %2。</translation>
    </message>
    <message>
        <source>Escrow: %1, wrapped (%2) for recovery key %3.</source>
        <translation>托管：%1，已用恢复密钥 %3 加密（%2）。</translation>
    </message>
    <message>
        <source>Replace the key of a store with a new random one (crash-safe) and update its escrow</source>
        <translation>将数据存储的密钥更换为新的随机密钥（可安全中断）并更新其托管</translation>
    </message>
    <message>
        <source>The store in %1 has a new key.</source>
        <translation>%1 中的数据存储已更换新密钥。</translation>
    </message>
    <message>
        <source>Restore the key of a store whose keychain was lost, from its escrow and the centre&apos;s recovery private key</source>
        <translation>用托管文件和中心的恢复私钥，恢复密钥环已丢失的数据存储的密钥</translation>
    </message>
    <message>
        <source>Cannot use the recovery key %1: %2</source>
        <translation>无法使用恢复密钥 %1：%2</translation>
    </message>
    <message>
        <source>The key of the store in %1 is back in the keychain; the store opens again.</source>
        <translation>%1 中数据存储的密钥已恢复到密钥环；数据存储可以重新打开。</translation>
    </message>
    <message>
        <source>Make a centre recovery key pair: FILE (private, keep it offline) and FILE.pub (give it to init)</source>
        <translation>生成中心恢复密钥对：FILE（私钥，请离线保管）和 FILE.pub（公钥，供 init 使用）</translation>
    </message>
    <message>
        <source>%1 already exists; not overwriting a key.</source>
        <translation>%1 已存在；不会覆盖已有密钥。</translation>
    </message>
    <message>
        <source>Cannot write the recovery key: %1</source>
        <translation>无法写入恢复密钥：%1</translation>
    </message>
    <message>
        <source>Private key: %1 (keep it offline, readable only by you)</source>
        <translation>私钥：%1（请离线保管，仅您本人可读）</translation>
    </message>
    <message>
        <source>Public key: %1</source>
        <translation>公钥：%1</translation>
    </message>
    <message>
        <source>Fingerprint: %1 (%2)</source>
        <translation>指纹：%1（%2）</translation>
    </message>
    <message>
        <source>Evaluate a JsonLogic rule or a smart-approval rule set against data and print the result as JSON (@FILE reads the JSON from a file)</source>
        <translation>用数据对 JsonLogic 规则或智能审批规则集求值，并以 JSON 输出结果（@文件 表示从文件读取 JSON）</translation>
    </message>
    <message>
        <source>Invalid rule: %1</source>
        <translation>规则无效：%1</translation>
    </message>
    <message>
        <source>Invalid data: %1</source>
        <translation>数据无效：%1</translation>
    </message>
    <message>
        <source>Invalid rule set: %1</source>
        <translation>规则集无效：%1</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Check a service catalogue document and list every problem with its JSON path</source>
        <translation>检查服务事项目录文件，并按 JSON 路径列出全部问题</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n problem(s) found.</source>
        <translation>
            <numerusform>%1：发现 %n 个问题。</numerusform>
        </translation>
    </message>
    <message>
        <source>Catalogue version %1 (published %2) is valid: %3 items, %4 bundles, %5 departments.</source>
        <translation>目录版本 %1（发布于 %2）校验通过：%3 个事项，%4 个“一件事”，%5 个部门。</translation>
    </message>
    <message>
        <source>Render an item&apos;s service guide (or, with --manual, the staff manual) as PDF and/or HTML; the embedded demo catalogue unless --catalog is given</source>
        <translation>生成事项的办事指南（加 --manual 生成业务手册），输出 PDF 和/或 HTML；未指定 --catalog 时使用内置演示目录</translation>
    </message>
    <message numerus="yes">
        <source>The catalogue has %n problem(s); run validate-catalog for the list.</source>
        <translation>
            <numerusform>目录存在 %n 个问题；请运行 validate-catalog 查看明细。</numerusform>
        </translation>
    </message>
    <message>
        <source>No item %1 in catalogue version %2.</source>
        <translation>目录版本 %2 中没有事项 %1。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已生成 %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n problem(s) found; nothing was imported.</source>
        <translation>
            <numerusform>%1：发现 %n 个问题；未导入任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>Catalogue version %1 is already in the store; nothing changed.</source>
        <translation>目录版本 %1 已在数据库中；未作改动。</translation>
    </message>
    <message>
        <source>The store already holds a different catalogue with version %1; a published version never changes, so give the new catalogue a new version.</source>
        <translation>数据库中已有版本号为 %1 的另一份目录；已发布的版本不得更改，请为新目录编一个新的版本号。</translation>
    </message>
    <message>
        <source>Imported catalogue version %1: %2 items, %3 bundles.</source>
        <translation>已导入目录版本 %1：事项 %2 项，“一件事” %3 项。</translation>
    </message>
    <message>
        <source>Validate a service catalogue and keep it in a workstation store (--data-dir) or in the central server&apos;s database, which hands it to every workstation; cases accepted from now on refer to its version. An invalid catalogue changes nothing</source>
        <translation>校验事项目录，并保存到工作站存储（--data-dir）或中心服务器数据库（由其下发到各工作站）；此后受理的办件均引用该版本。无效的目录不会造成任何更改</translation>
    </message>
    <message>
        <source>Catalogue version %1 is already on the server; nothing changed.</source>
        <translation>事项目录版本 %1 已在服务器上，未作任何更改。</translation>
    </message>
    <message>
        <source>Imported catalogue version %1 into the central server: %2 items, %3 bundles; workstations receive it with their next sync.</source>
        <translation>已将事项目录版本 %1 导入中心服务器：%2 个事项，%3 个“一件事”；各工作站将在下次同步时获取。</translation>
    </message>
    <message>
        <source>Give the server database with either --central-data-dir DIR or --database postgresql://USER:PASSWORD@HOST:PORT/DB.</source>
        <translation>请用 --central-data-dir DIR 或 --database postgresql://USER:PASSWORD@HOST:PORT/DB 二者之一指定服务器数据库。</translation>
    </message>
    <message>
        <source>Add or list the service offices known to the central server</source>
        <translation>添加或列出中心服务器登记的便民服务机构</translation>
    </message>
    <message>
        <source>--level: &quot;%1&quot; is not one of %2.</source>
        <translation>--level：“%1”不是 %2 之一。</translation>
    </message>
    <message>
        <source>Added office %1 %2.</source>
        <translation>已添加机构 %1 %2。</translation>
    </message>
    <message>
        <source>Record that an office hosts a catalogue department (its windows and reviewers)</source>
        <translation>登记机构入驻的事项目录部门（窗口及审核人员）</translation>
    </message>
    <message>
        <source>Office %1 now hosts department %2 %3.</source>
        <translation>机构 %1 已入驻部门 %2 %3。</translation>
    </message>
    <message>
        <source>Add, disable, enable or list the central server&apos;s users, or reset a password. The password is read from --password-file or the first line of standard input, never from the command line</source>
        <translation>添加、停用、启用或列出中心服务器的用户，或重置密码。密码从 --password-file 或标准输入的第一行读取，不接受命令行传入</translation>
    </message>
    <message>
        <source>Passwords are not accepted on the command line; use --password-file FILE or standard input.</source>
        <translation>不接受在命令行中提供密码；请使用 --password-file FILE 或标准输入。</translation>
    </message>
    <message>
        <source>No password given: put it in --password-file FILE or on standard input.</source>
        <translation>未提供密码：请写入 --password-file 指定的文件，或从标准输入提供。</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>User %1 is disabled; their sessions end with their next request.</source>
        <translation>用户 %1 已停用；其会话将在下一次请求时失效。</translation>
    </message>
    <message>
        <source>User %1 is enabled again.</source>
        <translation>用户 %1 已重新启用。</translation>
    </message>
    <message>
        <source>Set a new password for %1 and signed them out everywhere.</source>
        <translation>已为 %1 设置新密码，并使其在所有设备上退出登录。</translation>
    </message>
    <message>
        <source>Added user %1 (%2) at office %3.</source>
        <translation>已在机构 %3 添加用户 %1（%2）。</translation>
    </message>
    <message>
        <source>Cannot read the password from %1: %2</source>
        <translation>无法从 %1 读取密码：%2</translation>
    </message>
    <message>
        <source>standard input</source>
        <translation>标准输入</translation>
    </message>
    <message>
        <source>The password is empty.</source>
        <translation>密码为空。</translation>
    </message>
    <message>
        <source>Signs in to the central server and syncs the workstation store once: uploads attachments, pushes recorded events, pulls new ones.</source>
        <translation>登录中心服务器，并将工作站数据存储同步一次：上传附件、上报已记录的事件、拉取新事件。</translation>
    </message>
    <message>
        <source>The server address &quot;%1&quot; is not an http:// or https:// URL.</source>
        <translation>服务器地址“%1”不是 http:// 或 https:// 网址。</translation>
    </message>
    <message>
        <source>The store has no device id and cannot record one.</source>
        <translation>数据存储中没有设备标识，且无法记录设备标识。</translation>
    </message>
    <message>
        <source>Sign-in to %1 failed: %2</source>
        <translation>登录 %1 失败：%2</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>同步失败：%1</translation>
    </message>
    <message>
        <source>Synced: %1 pushed (%2 already on the server), %3 pulled, %4 parked, %5 still waiting.</source>
        <translation>同步完成：上报 %1 条（其中 %2 条服务器已有），拉取 %3 条，搁置 %4 条，仍有 %5 条待发送。</translation>
    </message>
    <message>
        <source>%1 holds no authority public keys: give a PEM public key named after its authority (e.g. demo-centre-2026.pem) or a JSON file with &quot;authorityKeys&quot; (e.g. the catalogue).</source>
        <translation>%1 中没有发证机关公钥：请提供以发证机关代码命名的 PEM 公钥文件（如 demo-centre-2026.pem），或含“authorityKeys”的 JSON 文件（如事项目录）。</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>from %1, no end date</source>
        <translation>自 %1 起，长期有效</translation>
    </message>
    <message>
        <source>Certificate number: %1</source>
        <translation>证照编号：%1</translation>
    </message>
    <message>
        <source>Holder: %1</source>
        <translation>持证者：%1</translation>
    </message>
    <message>
        <source>Holder ID: %1</source>
        <translation>持证者证件号码：%1</translation>
    </message>
    <message>
        <source>Valid: %1</source>
        <translation>有效期：%1</translation>
    </message>
    <message>
        <source>Issued by: %1 on %2</source>
        <translation>发证机关：%1，发证日期：%2</translation>
    </message>
    <message>
        <source>Certificate id: %1</source>
        <translation>证照标识：%1</translation>
    </message>
    <message>
        <source>Check a certificate&apos;s verification code (the text of its QR code, or - to read it from standard input): genuine, revoked, forged or malformed, and why; the public keys of the embedded demo catalogue unless --public-keys is given (a PEM file named after its authority, or a JSON file with &quot;authorityKeys&quot;); --revoked names a file of revoked certificate ids, one per line</source>
        <translation>核验证照核验码（二维码中的文本，或用 - 从标准输入读取）：给出真实、已注销、伪造或格式错误及原因；未指定 --public-keys 时使用内置示范目录的公钥（--public-keys 可为以发证机关代码命名的 PEM 文件，或含“authorityKeys”的 JSON 文件）；--revoked 指定已注销证照标识列表文件，每行一个</translation>
    </message>
    <message>
        <source>Cannot read standard input.</source>
        <translation>无法读取标准输入。</translation>
    </message>
    <message>
        <source>revoked: the signature is genuine, but certificate %1 has been revoked and is no longer valid.</source>
        <translation>已注销：签名真实，但证照 %1 已被注销，不再有效。</translation>
    </message>
    <message>
        <source>genuine: signed by %1; compare these details with the paper:</source>
        <translation>真实：由 %1 签发；请将以下信息与纸质证照核对：</translation>
    </message>
    <message>
        <source>The code claims:</source>
        <translation>核验码所载信息：</translation>
    </message>
    <message>
        <source>--calibration: give X,Y or X,Y,XSCALE,YSCALE (offsets up to ±10 mm, scales between 0.9 and 1.1).</source>
        <translation>--calibration：请给出 X,Y 或 X,Y,XSCALE,YSCALE（偏移不超过 ±10 毫米，比例在 0.9 到 1.1 之间）。</translation>
    </message>
    <message>
        <source>--fields: not a JSON object of field names and texts (%1).</source>
        <translation>--fields：不是由字段名和文本组成的 JSON 对象（%1）。</translation>
    </message>
    <message>
        <source>--fields: the value of &quot;%1&quot; must be text.</source>
        <translation>--fields：“%1”的值必须是文本。</translation>
    </message>
    <message>
        <source>--fields: the template &quot;%1&quot; has no field &quot;%2&quot;.</source>
        <translation>--fields：模板“%1”没有字段“%2”。</translation>
    </message>
    <message>
        <source>--sign-key: %1</source>
        <translation>--sign-key：%1</translation>
    </message>
    <message>
        <source>Generate an issuing authority&apos;s SM2 key pair for signing certificates: the private key (readable by its owner only) stays on the central server, the public key goes into the catalogue&apos;s authorityKeys</source>
        <translation>生成发证机关用于证照签名的 SM2 密钥对：私钥（仅所有者可读）只保存在中心服务器，公钥写入事项目录的 authorityKeys</translation>
    </message>
    <message>
        <source>%1 exists already; it is not overwritten.</source>
        <translation>%1 已存在，不会覆盖。</translation>
    </message>
    <message>
        <source>Wrote the private key to %1 (keep it on the central server only) and the public key to %2.</source>
        <translation>已将私钥写入 %1（仅保存在中心服务器），公钥写入 %2。</translation>
    </message>
    <message>
        <source>Issue a range of pre-printed certificate paper serials to an office (serial = prefix and the number zero-padded to the width, 7 unless given); a range overlapping one with the same prefix is refused</source>
        <translation>向机构发放套打证纸编号段（编号 = 前缀加按位数补零的序号，未指定时为 7 位）；与同一前缀的已有编号段重叠的将被拒绝</translation>
    </message>
    <message>
        <source>--%1: &quot;%2&quot; is not a whole number.</source>
        <translation>--%1：“%2”不是整数。</translation>
    </message>
    <message>
        <source>Issued stock serials %1 to %2 (%3 sheets) to office %4.</source>
        <translation>已向机构 %4 发放套打证纸编号 %1 至 %2（共 %3 张）。</translation>
    </message>
    <message>
        <source>Render a certificate as PDF: a case&apos;s certificate from the workstation store at --data-dir (CASE is its case number or id; --certificate picks another of a bundle&apos;s certificates by number or id), signed by the central server (--unsigned-draft renders one awaiting signature as a draft marked invalid); or from a template (a file or a built-in name such as food-business-licence) and its fields (a JSON object, inline or in a file), --sign-key signing the key fields into the verification code. --stock prints only the variable fields for pre-printed certificate paper, --preview adds the &quot;invalid&quot; watermark, --calibration X,Y[,XSCALE,YSCALE] corrects a printer</source>
        <translation>将证照生成为 PDF：按办件从 --data-dir 所指的窗口工作站数据库取证照（CASE 为办件编号或办件 ID；一件事有多张证照时用 --certificate 按证照编号或 ID 指定其他证照），须已由中心服务器签发（--unsigned-draft 可将待签发证照生成为标注“无效”的草稿）；或按模板（模板文件或内置模板名，如 food-business-licence）及其字段（JSON 对象，直接给出或放在文件中）生成，--sign-key 将关键字段签入核验码。--stock 仅打印套打纸上的可变内容，--preview 加“无效”水印，--calibration X,Y[,XSCALE,YSCALE] 校正打印机偏差</translation>
    </message>
    <message>
        <source>--%1 does not go with %2.</source>
        <translation>--%1 不能与 %2 同时使用。</translation>
    </message>
    <message>
        <source>a case</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>No case %1 in the store at %2: give its case number or case id.</source>
        <translation>%2 中的数据库没有办件 %1：请给出办件编号或办件 ID。</translation>
    </message>
    <message>
        <source>Case %1 has no certificate: it has not been approved, or none of its items issues one.</source>
        <translation>办件 %1 没有证照：尚未审批通过，或其事项均不出证。</translation>
    </message>
    <message>
        <source>Case %1 has no certificate %2; its certificates are %3.</source>
        <translation>办件 %1 没有证照 %2；其证照为：%3。</translation>
    </message>
    <message>
        <source>Certificate %1 is not signed yet (awaiting signature): a sync with the central server brings its verification code; --unsigned-draft renders a draft marked invalid.</source>
        <translation>证照 %1 尚未签发（待签发）：与中心服务器同步后即可取得核验码；--unsigned-draft 可生成标注“无效”的草稿。</translation>
    </message>
    <message>
        <source>Draft, not signed — invalid</source>
        <translation>草稿 — 未签发，无效</translation>
    </message>
    <message>
        <source>Certificate %1 names no template; the catalogue must give its item one.</source>
        <translation>证照 %1 未指定打印模板，须在事项目录中为该事项配置模板。</translation>
    </message>
    <message>
        <source>The template %1 of certificate %2 cannot be used: %3</source>
        <translation>证照 %2 的模板 %1 无法使用：%3</translation>
    </message>
    <message>
        <source>Certificate %1 of case %2, held by %3.</source>
        <translation>办件 %2 的证照 %1，持证人：%3。</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>Printer calibration</source>
        <translation>打印机校准</translation>
    </message>
    <message>
        <source>P&amp;rinter:</source>
        <translation>打印机(&amp;R)：</translation>
    </message>
    <message>
        <source>Print the calibration &amp;sheet</source>
        <translation>打印校准页(&amp;S)</translation>
    </message>
    <message>
        <source>Print the calibration sheet on plain A4 paper, then measure with a ruler from the paper&apos;s left and top edges to the centres of the crosses. The sheet labels where each cross should be: (20, 20), (190, 20), (105, 148.5), (20, 277) and (190, 277) mm. Enter the correction below.</source>
        <translation>用普通 A4 纸打印校准页，再用直尺量出纸张左边缘、上边缘到各十字中心的距离。校准页标明了各十字应在的位置：（20, 20）、（190, 20）、（105, 148.5）、（20, 277）和（190, 277）毫米。在下方填写校正值。</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>校正值</translation>
    </message>
    <message>
        <source>Shift &amp;right (mm):</source>
        <translation>右移(&amp;R)（毫米）：</translation>
    </message>
    <message>
        <source> mm</source>
        <translation> 毫米</translation>
    </message>
    <message>
        <source>Shift &amp;down (mm):</source>
        <translation>下移(&amp;D)（毫米）：</translation>
    </message>
    <message>
        <source>&amp;Horizontal scale:</source>
        <translation>横向缩放(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Vertical scale:</source>
        <translation>纵向缩放(&amp;V)：</translation>
    </message>
</context>
<context>
    <name>Cases</name>
    <message>
        <source>The office code &quot;%1&quot; must be 6 to 12 digits or capital letters.</source>
        <translation>机构代码“%1”须为 6 至 12 位数字或大写字母。</translation>
    </message>
    <message>
        <source>The case number needs a valid date.</source>
        <translation>办件编号需要有效的日期。</translation>
    </message>
    <message>
        <source>The device code &quot;%1&quot; must be 1 to 4 digits or capital letters.</source>
        <translation>设备代码“%1”须为 1 至 4 位数字或大写字母。</translation>
    </message>
    <message>
        <source>The serial %1 is outside 1 to %2.</source>
        <translation>流水号 %1 超出 1 至 %2 的范围。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a case number of the form 330102-20261122-D07-000123-8.</source>
        <translation>“%1”不是形如 330102-20261122-D07-000123-8 的办件编号。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; contains an impossible date.</source>
        <translation>“%1”包含不存在的日期。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a serial with extra leading zeros.</source>
        <translation>“%1”的流水号含有多余的前导零。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a wrong check character: a character was probably mistyped.</source>
        <translation>“%1”的校验码不符：可能有字符录入错误。</translation>
    </message>
    <message>
        <source>Item &quot;%1&quot; is not part of this case.</source>
        <translation>事项“%1”不属于本办件。</translation>
    </message>
    <message>
        <source>A new case must name its service items (payload &quot;items&quot;).</source>
        <translation>新办件须列明所办事项（payload “items”）。</translation>
    </message>
    <message>
        <source>Item %1 of the new case needs a code and a department.</source>
        <translation>新办件的第 %1 个事项须有事项编码和承办部门。</translation>
    </message>
    <message>
        <source>Item %1: %2 must be a whole number of working days.</source>
        <translation>第 %1 个事项：%2 须为整数个工作日。</translation>
    </message>
    <message>
        <source>The time limit must be a whole number of working days.</source>
        <translation>办理时限须为整数个工作日。</translation>
    </message>
    <message>
        <source>An opinion must name the department giving it (payload &quot;department&quot;).</source>
        <translation>审查意见须注明出具意见的部门（payload “department”）。</translation>
    </message>
    <message>
        <source>An opinion&apos;s decision must be &quot;approve&quot; or &quot;deny&quot;.</source>
        <translation>审查意见的结论须为“approve”（同意）或“deny”（不同意）。</translation>
    </message>
    <message>
        <source>Every item was denied by its department; the case can only be denied.</source>
        <translation>所有事项均已被承办部门否决，本办件只能作出不予许可决定。</translation>
    </message>
    <message>
        <source>Item &quot;%1&quot; was denied by its department and cannot be approved.</source>
        <translation>事项“%1”已被承办部门否决，不能准予许可。</translation>
    </message>
    <message>
        <source>The smart-approval trace of the approval is not valid.</source>
        <translation>准予许可所附的智能审批记录无效。</translation>
    </message>
    <message>
        <source>A one-time notice of missing materials must cite its basis (payload &quot;basis&quot;).</source>
        <translation>一次性告知书须载明依据（payload “basis”）。</translation>
    </message>
    <message>
        <source>A one-time notice must list every missing material at once (payload &quot;materials&quot;).</source>
        <translation>一次性告知须一次列明全部需补齐的材料（payload “materials”）。</translation>
    </message>
    <message>
        <source>A refusal to accept must cite its legal basis (payload &quot;basis&quot;).</source>
        <translation>不予受理须载明法律依据（payload “basis”）。</translation>
    </message>
    <message>
        <source>A denial must cite its legal basis (payload &quot;basis&quot;).</source>
        <translation>不予许可须载明法律依据（payload “basis”）。</translation>
    </message>
    <message>
        <source>A termination must cite its legal basis (payload &quot;basis&quot;).</source>
        <translation>终止办理须载明法律依据（payload “basis”）。</translation>
    </message>
    <message>
        <source>The routing is not valid: %1</source>
        <translation>分送审批无效：%1</translation>
    </message>
    <message>
        <source>A request for supplementary materials must list them (payload &quot;materials&quot;).</source>
        <translation>补正告知须列明需补正的材料（payload “materials”）。</translation>
    </message>
    <message>
        <source>A suspension must give its reason (payload &quot;reason&quot;).</source>
        <translation>中止办理须说明理由（payload “reason”）。</translation>
    </message>
    <message>
        <source>A produced certificate must be identified (payload &quot;certificateId&quot;).</source>
        <translation>制证须注明证照编号（payload “certificateId”）。</translation>
    </message>
    <message>
        <source>An evaluation needs a rating from 1 (very dissatisfied) to 5 (very satisfied).</source>
        <translation>好差评须给出 1（非常不满意）至 5（非常满意）的评分。</translation>
    </message>
    <message>
        <source>Not yet registered</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已受理</translation>
    </message>
    <message>
        <source>Awaiting missing materials</source>
        <translation>待补齐材料（已一次性告知）</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>审查中</translation>
    </message>
    <message>
        <source>Awaiting supplementary materials</source>
        <translation>补正中</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已中止</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>准予许可</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>不予许可</translation>
    </message>
    <message>
        <source>Certificate ready</source>
        <translation>待出件</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>已终止</translation>
    </message>
    <message>
        <source>actor.%1: unknown field</source>
        <translation>actor.%1：未知字段</translation>
    </message>
    <message>
        <source>actor.userId: missing</source>
        <translation>actor.userId：缺失</translation>
    </message>
    <message>
        <source>actor.officeCode: missing</source>
        <translation>actor.officeCode：缺失</translation>
    </message>
    <message>
        <source>actor.deviceId: missing</source>
        <translation>actor.deviceId：缺失</translation>
    </message>
    <message>
        <source>actor.role: &quot;%1&quot; is not a role</source>
        <translation>actor.role：“%1”不是有效角色</translation>
    </message>
    <message>
        <source>%1: unknown field</source>
        <translation>%1：未知字段</translation>
    </message>
    <message>
        <source>id: &quot;%1&quot; is not a lower-case UUIDv7</source>
        <translation>id：“%1”不是小写的 UUIDv7</translation>
    </message>
    <message>
        <source>caseId: &quot;%1&quot; is not a lower-case UUIDv7</source>
        <translation>caseId：“%1”不是小写的 UUIDv7</translation>
    </message>
    <message>
        <source>type: &quot;%1&quot; is not an event type</source>
        <translation>type：“%1”不是有效的事件类型</translation>
    </message>
    <message>
        <source>actor: missing</source>
        <translation>actor：缺失</translation>
    </message>
    <message>
        <source>at: &quot;%1&quot; is not a UTC time such as 2026-11-22T08:30:00.123Z</source>
        <translation>at：“%1”不是形如 2026-11-22T08:30:00.123Z 的 UTC 时间</translation>
    </message>
    <message>
        <source>payload: must be an object</source>
        <translation>payload：须为 JSON 对象</translation>
    </message>
    <message>
        <source>prevHash: must be &quot;&quot; or 64 lower-case hexadecimal digits</source>
        <translation>prevHash：须为空字符串或 64 位小写十六进制数字</translation>
    </message>
    <message>
        <source>hash: must be 64 lower-case hexadecimal digits</source>
        <translation>hash：须为 64 位小写十六进制数字</translation>
    </message>
    <message>
        <source>serverSeq: must be a non-negative integer</source>
        <translation>serverSeq：须为非负整数</translation>
    </message>
    <message>
        <source>receivedAt: not a UTC time such as 2026-11-22T08:30:00.123Z</source>
        <translation>receivedAt：不是形如 2026-11-22T08:30:00.123Z 的 UTC 时间</translation>
    </message>
    <message>
        <source>The hash algorithm %1 is not available in this OpenSSL build.</source>
        <translation>当前 OpenSSL 版本不支持哈希算法 %1。</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Acceptance</source>
        <translation>受理</translation>
    </message>
    <message>
        <source>One-time notice of missing materials</source>
        <translation>一次性告知</translation>
    </message>
    <message>
        <source>Refusal to accept</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <source>Routing for review</source>
        <translation>分送审批</translation>
    </message>
    <message>
        <source>Review opinion</source>
        <translation>审查意见</translation>
    </message>
    <message>
        <source>Request for supplementary materials</source>
        <translation>补正告知</translation>
    </message>
    <message>
        <source>Supplementary materials received</source>
        <translation>补正材料收讫</translation>
    </message>
    <message>
        <source>Suspension</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Resumption</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>准予许可决定</translation>
    </message>
    <message>
        <source>Denial</source>
        <translation>不予许可决定</translation>
    </message>
    <message>
        <source>Certificate produced</source>
        <translation>制证</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打证</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>送达</translation>
    </message>
    <message>
        <source>Withdrawal</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Termination</source>
        <translation>终止</translation>
    </message>
    <message>
        <source>Service evaluation</source>
        <translation>好差评</translation>
    </message>
    <message>
        <source>Window clerk</source>
        <translation>综合窗口人员</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>后台审批人员</translation>
    </message>
    <message>
        <source>Convenience-point agent</source>
        <translation>便民服务点代办员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>电子监察人员</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>Event %1 (#%2, device %3) was changed after it was recorded: its content does not match its hash.</source>
        <translation>事件 %1（第 %2 条，设备 %3）在记录后被改动：内容与哈希值不符。</translation>
    </message>
    <message>
        <source>Event %1 (#%2, device %3) is out of order: it follows event %4 (#%5), not the event before it.</source>
        <translation>事件 %1（第 %2 条，设备 %3）顺序错乱：它应接在事件 %4（第 %5 条）之后，而非前一条事件之后。</translation>
    </message>
    <message>
        <source>Event %1 (#%2, device %3) is not the device&apos;s first event: the events before it are missing.</source>
        <translation>事件 %1（第 %2 条，设备 %3）不是该设备的第一条事件：其之前的事件缺失。</translation>
    </message>
    <message>
        <source>Event %1 (#%2, device %3) does not follow event %4: an event between them is missing (or %4 was rewritten).</source>
        <translation>事件 %1（第 %2 条，设备 %3）与事件 %4 不相衔接：二者之间有事件缺失（或 %4 被改写）。</translation>
    </message>
    <message>
        <source>%1 or more</source>
        <translation>%1 个或以上</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2 个</translation>
    </message>
    <message>
        <source>The rule is nested more than %1 levels deep at %2.</source>
        <translation>规则在 %2 处嵌套超过 %1 层。</translation>
    </message>
    <message>
        <source>Unknown operator &quot;%1&quot; at %2.</source>
        <translation>%2 处的运算符“%1”未知。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; at %2 takes %3 arguments but has 1.</source>
        <translation>%2 处的“%1”需要 %3 个参数，实际为 1 个。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; at %2 takes %3 arguments but has %4.</source>
        <translation>%2 处的“%1”需要 %3 个参数，实际为 %4 个。</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at offset %2</source>
        <translation>不是有效的 JSON：第 %2 个字节处%1</translation>
    </message>
    <message>
        <source>not valid JSON: the text is empty</source>
        <translation>不是有效的 JSON：内容为空</translation>
    </message>
    <message>
        <source>not valid JSON: more than one value</source>
        <translation>不是有效的 JSON：包含多个值</translation>
    </message>
    <message>
        <source>A bundle needs a lead department.</source>
        <translation>“一件事”须有牵头部门。</translation>
    </message>
    <message>
        <source>A bundle needs at least one item.</source>
        <translation>“一件事”须至少包含一个事项。</translation>
    </message>
    <message>
        <source>An item of the bundle has no code.</source>
        <translation>“一件事”中有事项缺少编码。</translation>
    </message>
    <message>
        <source>Item %1 has no department to review it.</source>
        <translation>事项 %1 没有承办审批的部门。</translation>
    </message>
    <message>
        <source>Item %1 is named twice in the bundle.</source>
        <translation>事项 %1 在“一件事”中重复出现。</translation>
    </message>
    <message>
        <source>lead: missing</source>
        <translation>lead：缺失</translation>
    </message>
    <message>
        <source>tasks: a case must go to at least one department</source>
        <translation>tasks：办件须至少分送一个部门</translation>
    </message>
    <message>
        <source>tasks[%1].department: missing</source>
        <translation>tasks[%1].department：缺失</translation>
    </message>
    <message>
        <source>tasks[%1].department: %2 is named twice</source>
        <translation>tasks[%1].department：%2 重复出现</translation>
    </message>
    <message>
        <source>tasks[%1].items: item codes must be non-empty text</source>
        <translation>tasks[%1].items：事项编码须为非空文本</translation>
    </message>
    <message>
        <source>lead: %1 has no task</source>
        <translation>lead：牵头部门 %1 没有对应的审批任务</translation>
    </message>
    <message>
        <source>The case was not routed to %1.</source>
        <translation>本办件未分送至 %1。</translation>
    </message>
    <message>
        <source>A department&apos;s denial must cite its legal basis (payload &quot;basis&quot;).</source>
        <translation>部门的否定意见须载明法律依据（payload “basis”）。</translation>
    </message>
    <message>
        <source>Item %1 is not reviewed by %2.</source>
        <translation>事项 %1 不由 %2 审批。</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>准予</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>不予</translation>
    </message>
    <message>
        <source>To a person</source>
        <translation>转人工</translation>
    </message>
    <message>
        <source>outcome: must be &quot;approve&quot;, &quot;deny&quot; or &quot;manual&quot;</source>
        <translation>outcome：须为“approve”“deny”或“manual”</translation>
    </message>
    <message>
        <source>rules[%1]: needs an id, an outcome and whether it passed</source>
        <translation>rules[%1]：须包含 id、outcome 及是否通过</translation>
    </message>
    <message>
        <source>rules: a rule set is an object with a &quot;rules&quot; array</source>
        <translation>rules：规则集须为含有“rules”数组的对象</translation>
    </message>
    <message>
        <source>mode: must be text</source>
        <translation>mode：须为文本</translation>
    </message>
    <message>
        <source>rules: a rule set needs at least one rule</source>
        <translation>rules：规则集须至少包含一条规则</translation>
    </message>
    <message>
        <source>%1: must be an object</source>
        <translation>%1：须为 JSON 对象</translation>
    </message>
    <message>
        <source>%1.id: missing</source>
        <translation>%1.id：缺失</translation>
    </message>
    <message>
        <source>%1.id: &quot;%2&quot; is used by an earlier rule</source>
        <translation>%1.id：“%2”已被前面的规则使用</translation>
    </message>
    <message>
        <source>%1.rule: missing</source>
        <translation>%1.rule：缺失</translation>
    </message>
    <message>
        <source>%1.rule: %2</source>
        <translation>%1.rule：%2</translation>
    </message>
    <message>
        <source>%1.basis: every rule must cite its legal basis</source>
        <translation>%1.basis：每条规则都须载明法律依据</translation>
    </message>
    <message>
        <source>%1.outcome: must be &quot;deny&quot; or &quot;manual&quot; (what failing the rule leads to)</source>
        <translation>%1.outcome：须为“deny”或“manual”（即不满足该规则时的处理结果）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>No item of this case produces a certificate.</source>
        <translation>本办件没有需要制证的事项。</translation>
    </message>
    <message>
        <source>This case produces a certificate: record the certificate before delivery.</source>
        <translation>本办件需要制证：请先登记制证，再送达。</translation>
    </message>
    <message>
        <source>The lead department concludes only when every department has decided; still waiting for: %1.</source>
        <translation>须待各部门均出具审查结论后，牵头部门方可办结；尚待：%1。</translation>
    </message>
    <message>
        <source>Approval at the window needs a smart-approval trace that approves (payload &quot;smartApproval&quot;); otherwise route the case for review.</source>
        <translation>窗口直接准予许可须附智能审批通过记录（payload “smartApproval”）；否则请分送审批。</translation>
    </message>
    <message>
        <source>The applicant has already evaluated this case.</source>
        <translation>申请人已对本办件作出好差评。</translation>
    </message>
    <message>
        <source>Event %1 belongs to another case.</source>
        <translation>事件 %1 属于其他办件。</translation>
    </message>
    <message>
        <source>%1 is not possible while the case is &quot;%2&quot;.</source>
        <translation>办件处于“%2”状态时不能进行%1。</translation>
    </message>
    <message>
        <source>The role &quot;%1&quot; cannot record %2 while the case is &quot;%3&quot;; only: %4.</source>
        <translation>办件处于“%3”状态时，“%1”不能记录%2；仅限：%4。</translation>
    </message>
    <message>
        <source>Event %1 (#%2, %3): %4</source>
        <translation>事件 %1（第 %2 条，%3）：%4</translation>
    </message>
    <message>
        <source>Within the time limit</source>
        <translation>时限内（绿灯）</translation>
    </message>
    <message>
        <source>Time limit near</source>
        <translation>临近时限（黄灯）</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时（红灯）</translation>
    </message>
    <message>
        <source>No time limit running</source>
        <translation>未计时</translation>
    </message>
    <message>
        <source>A claim must name the department and the user (payload &quot;assignee&quot;).</source>
        <translation>认领须写明科室和认领人（payload &quot;assignee&quot;）。</translation>
    </message>
    <message>
        <source>A reviewer can claim a case only for themselves.</source>
        <translation>审批人员只能为本人认领办件。</translation>
    </message>
    <message>
        <source>Only %1, who claimed the case, can release it.</source>
        <translation>只有认领人 %1 可以放弃认领。</translation>
    </message>
    <message>
        <source>The case is already claimed by %1 for %2.</source>
        <translation>该办件已由 %1 为 %2 认领。</translation>
    </message>
    <message>
        <source>An extension must give its working days, 1 to %1 (payload &quot;extension&quot;).</source>
        <translation>延期须写明延长的工作日数，1 至 %1 个（payload &quot;extension&quot;）。</translation>
    </message>
    <message>
        <source>An extension must name who approved it and its basis.</source>
        <translation>延期须写明批准人和依据。</translation>
    </message>
    <message>
        <source>The time limit has already been extended once.</source>
        <translation>办理时限已延长过一次。</translation>
    </message>
    <message>
        <source>Only the lead department %1 can extend the time limit.</source>
        <translation>只有牵头部门 %1 可以延长办理时限。</translation>
    </message>
    <message>
        <source>A print must name the certificate printed (payload &quot;certificateId&quot;).</source>
        <translation>打证记录须写明所打印的证照（payload &quot;certificateId&quot;）。</translation>
    </message>
    <message>
        <source>The certificate %1 is not one of this case&apos;s certificates.</source>
        <translation>证照 %1 不属于本办件。</translation>
    </message>
    <message>
        <source>A print must name the printer it was printed on (payload &quot;printer&quot;).</source>
        <translation>打证记录须写明所用打印机（payload &quot;printer&quot;）。</translation>
    </message>
    <message>
        <source>A print must say whether it was on plain paper or on pre-printed certificate paper (payload &quot;mode&quot;: &quot;plain&quot; or &quot;stock&quot;).</source>
        <translation>打证记录须写明使用普通纸还是套打纸（payload &quot;mode&quot;：&quot;plain&quot; 或 &quot;stock&quot;）。</translation>
    </message>
    <message>
        <source>A print on pre-printed certificate paper must give the serial number of the sheet (payload &quot;stockSerial&quot;).</source>
        <translation>使用套打纸打证须填写该张证书纸的编号（payload &quot;stockSerial&quot;）。</translation>
    </message>
    <message>
        <source>The print&apos;s &quot;%1&quot; must be true or false.</source>
        <translation>打证记录的 &quot;%1&quot; 须为 true 或 false。</translation>
    </message>
    <message>
        <source>The certificate %1 has not been printed yet: its first print is not a reprint.</source>
        <translation>证照 %1 尚未打印过，首次打印不属于重打。</translation>
    </message>
    <message>
        <source>The certificate %1 was printed before: printing it again is a reprint and needs a reason.</source>
        <translation>证照 %1 已打印过，再次打印属于重打，须说明原因。</translation>
    </message>
    <message>
        <source>A reprint must give its reason (payload &quot;reason&quot;).</source>
        <translation>重打证照须说明原因（payload &quot;reason&quot;）。</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>an empty catalogue has no version</source>
        <translation>空目录没有版本</translation>
    </message>
    <message>
        <source>catalogue version %1 is already held with different content; a published version never changes, publish a new one</source>
        <translation>已存在内容不同的目录版本 %1；已发布的版本不得修改，请发布新版本</translation>
    </message>
    <message>
        <source>use 2 to 20 upper-case letters, digits or hyphens, starting with a letter</source>
        <translation>应为 2 至 20 位大写字母、数字或连字符，以字母开头</translation>
    </message>
    <message>
        <source>use lower-case letters, digits and hyphens, starting with a letter</source>
        <translation>应由小写字母、数字和连字符组成，以字母开头</translation>
    </message>
    <message>
        <source>must be a date such as 2026-11-01</source>
        <translation>应为日期，如 2026-11-01</translation>
    </message>
    <message>
        <source>must be one of: %1</source>
        <translation>应为以下之一：%1</translation>
    </message>
    <message>
        <source>must be a PEM public key (-----BEGIN PUBLIC KEY-----)</source>
        <translation>应为 PEM 格式公钥（-----BEGIN PUBLIC KEY-----）</translation>
    </message>
    <message>
        <source>unknown department &quot;%1&quot;</source>
        <translation>未知部门“%1”</translation>
    </message>
    <message>
        <source>a bundle needs at least two items</source>
        <translation>“一件事”至少包含两个事项</translation>
    </message>
    <message>
        <source>unknown item &quot;%1&quot;</source>
        <translation>未知事项“%1”</translation>
    </message>
    <message>
        <source>not valid JSON: %1 at byte %2</source>
        <translation>不是有效的 JSON：第 %2 字节处%1</translation>
    </message>
    <message>
        <source>use year.month.number, e.g. 2026.11.1</source>
        <translation>应为 年.月.序号，如 2026.11.1</translation>
    </message>
    <message>
        <source>must be an RFC 3339 date and time with a time zone, e.g. 2026-11-01T09:00:00+08:00</source>
        <translation>应为带时区的 RFC 3339 日期时间，如 2026-11-01T09:00:00+08:00</translation>
    </message>
    <message>
        <source>use the six-digit administrative division code</source>
        <translation>应为六位行政区划代码</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n个工作日</numerusform>
        </translation>
    </message>
    <message>
        <source>On the spot (immediate)</source>
        <translation>即办（当场办结）</translation>
    </message>
    <message>
        <source>Free of charge</source>
        <translation>不收费</translation>
    </message>
    <message>
        <source>CNY %1 %2</source>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>No visit needed (fully online)</source>
        <translation>零跑动（全程网办）</translation>
    </message>
    <message numerus="yes">
        <source>At most %n visit(s)</source>
        <translation>
            <numerusform>最多跑%n次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n年</numerusform>
        </translation>
    </message>
    <message>
        <source>No fixed term</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>设定依据</translation>
    </message>
    <message>
        <source>Conditions for acceptance</source>
        <translation>受理条件</translation>
    </message>
    <message>
        <source>Service Guide</source>
        <translation>办事指南</translation>
    </message>
    <message>
        <source>Staff Manual</source>
        <translation>业务手册</translation>
    </message>
    <message>
        <source>Catalogue version %1, published %2</source>
        <translation>目录版本 %1&#x3000;发布日期 %2</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Item name</source>
        <translation>事项名称</translation>
    </message>
    <message>
        <source>Item code</source>
        <translation>事项编码</translation>
    </message>
    <message>
        <source>Item type</source>
        <translation>事项类型</translation>
    </message>
    <message>
        <source>Implementing authority</source>
        <translation>实施机关</translation>
    </message>
    <message>
        <source>Who may apply</source>
        <translation>服务对象</translation>
    </message>
    <message>
        <source>Legal time limit</source>
        <translation>法定办结时限</translation>
    </message>
    <message>
        <source>Promised time limit</source>
        <translation>承诺办结时限</translation>
    </message>
    <message>
        <source>Visits to the centre</source>
        <translation>到现场次数</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <source>Where to apply</source>
        <translation>办理地点</translation>
    </message>
    <message>
        <source>Enquiries</source>
        <translation>咨询电话</translation>
    </message>
    <message>
        <source>Office hours</source>
        <translation>办公时间</translation>
    </message>
    <message>
        <source>Materials to submit</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <source>No materials: the information is obtained by data sharing.</source>
        <translation>无需提交材料，相关信息通过数据共享获取。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <source>Original or copy</source>
        <translation>材料形式</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>是否必需</translation>
    </message>
    <message>
        <source>Shared licence may replace it</source>
        <translation>可共享证照替代</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>If applicable</source>
        <translation>视情形提供</translation>
    </message>
    <message>
        <source>Where a shared licence is named, an applicant whose electronic licence the system already holds need not hand in that material.</source>
        <translation>注明可共享证照替代的材料，系统已有申请人相应电子证照的，免于提交。</translation>
    </message>
    <message>
        <source>Review points</source>
        <translation>审查要点</translation>
    </message>
    <message>
        <source>What to check</source>
        <translation>审查要点</translation>
    </message>
    <message>
        <source>Complete, legible and consistent with the application.</source>
        <translation>齐全、清晰，与申请内容一致。</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>办理流程</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>What is done</source>
        <translation>办理内容</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Time limits</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Legal time limit: %1; promised time limit: %2.</source>
        <translation>法定办结时限：%1；承诺办结时限：%2。</translation>
    </message>
    <message>
        <source>Time limits count working days from acceptance; time for supplementing materials, on-site inspection and expert review is not counted.</source>
        <translation>办理时限自受理之日起按工作日计算，补正材料、现场核查、专家评审等时间不计入。</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>收费标准</translation>
    </message>
    <message>
        <source>Basis: %1</source>
        <translation>收费依据：%1</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Validity</source>
        <translation>有效期限</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>送达方式</translation>
    </message>
    <message>
        <source>Unified form fields</source>
        <translation>一表登记字段</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>字段标识</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Options: %1</source>
        <translation>选项：%1</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Smart approval rules</source>
        <translation>智能审批规则</translation>
    </message>
    <message>
        <source>Mode: %1. When every rule holds: %2.</source>
        <translation>审批方式：%1。全部规则满足时：%2。</translation>
    </message>
    <message>
        <source>Licences that must be held: %1.</source>
        <translation>须持有证照：%1。</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>判断条件</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>If not met</source>
        <translation>不满足时</translation>
    </message>
    <message>
        <source>This document is generated from the service catalogue; where it differs from the laws and regulations cited, those prevail.</source>
        <translation>本文件依据政务服务事项目录生成；与所引法律法规规定不一致的，以法律法规为准。</translation>
    </message>
    <message>
        <source>rendering a PDF needs a QGuiApplication (the offscreen platform will do)</source>
        <translation>生成 PDF 需要 QGuiApplication（可使用 offscreen 平台）</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第%1页 共%2页</translation>
    </message>
    <message>
        <source>Administrative licensing</source>
        <translation>行政许可</translation>
    </message>
    <message>
        <source>Administrative payment</source>
        <translation>行政给付</translation>
    </message>
    <message>
        <source>Administrative confirmation</source>
        <translation>行政确认</translation>
    </message>
    <message>
        <source>Administrative reward</source>
        <translation>行政奖励</translation>
    </message>
    <message>
        <source>Administrative adjudication</source>
        <translation>行政裁决</translation>
    </message>
    <message>
        <source>Other administrative power</source>
        <translation>其他行政权力</translation>
    </message>
    <message>
        <source>Public service</source>
        <translation>公共服务</translation>
    </message>
    <message>
        <source>Natural persons</source>
        <translation>自然人</translation>
    </message>
    <message>
        <source>Legal persons and other organisations</source>
        <translation>法人和其他组织</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>原件</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <source>Electronic</source>
        <translation>电子材料</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>ID card number</source>
        <translation>公民身份号码</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Amount of money</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Long text</source>
        <translation>长文本</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Window clerk</source>
        <translation>窗口工作人员</translation>
    </message>
    <message>
        <source>Department reviewer</source>
        <translation>部门审批人员</translation>
    </message>
    <message>
        <source>On-site inspector</source>
        <translation>现场核查人员</translation>
    </message>
    <message>
        <source>System (smart approval)</source>
        <translation>系统（智能审批）</translation>
    </message>
    <message>
        <source>Collect at the window</source>
        <translation>窗口领取</translation>
    </message>
    <message>
        <source>By post</source>
        <translation>邮寄送达</translation>
    </message>
    <message>
        <source>Electronic certificate</source>
        <translation>电子证照</translation>
    </message>
    <message>
        <source>Approved on application</source>
        <translation>即报即批</translation>
    </message>
    <message>
        <source>Granted without application</source>
        <translation>免申即享</translation>
    </message>
    <message>
        <source>Based on licences already held</source>
        <translation>证照前置核验</translation>
    </message>
    <message>
        <source>Based on shared information</source>
        <translation>数据共享核验</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>准予</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>不予</translation>
    </message>
    <message>
        <source>Refer to a reviewer</source>
        <translation>转人工审核</translation>
    </message>
    <message>
        <source>unknown certificate type &quot;%1&quot;</source>
        <translation>未知证照类型“%1”</translation>
    </message>
    <message>
        <source>use a camelCase name of letters and digits starting with a lower-case letter</source>
        <translation>应为以小写字母开头、由字母和数字组成的驼峰式名称</translation>
    </message>
    <message>
        <source>is not a valid regular expression</source>
        <translation>不是有效的正则表达式</translation>
    </message>
    <message>
        <source>is less than the minimum</source>
        <translation>小于最小值</translation>
    </message>
    <message>
        <source>only choice fields have options</source>
        <translation>只有选项型字段可以设置选项</translation>
    </message>
    <message>
        <source>must be a non-negative amount in yuan with at most two decimals</source>
        <translation>应为以元为单位、最多两位小数的非负金额</translation>
    </message>
    <message>
        <source>a rule must be a JSONLogic operation (an object with one operator key)</source>
        <translation>规则应为一个 JSONLogic 运算（只含一个运算符键的对象）</translation>
    </message>
    <message>
        <source>a failed rule cannot approve</source>
        <translation>规则不满足时不能准予</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>granting without application needs outcome.certificateType: the licences it renews</source>
        <translation>免申即享须设置 outcome.certificateType，即其延续的证照类型</translation>
    </message>
    <message>
        <source>use 3 to 40 upper-case letters, digits or hyphens</source>
        <translation>应为 3 至 40 位大写字母、数字或连字符</translation>
    </message>
    <message>
        <source>write the title without 《》; citations add them</source>
        <translation>名称不要带书名号，引用时自动添加</translation>
    </message>
    <message>
        <source>the promised time limit (%1 working days) exceeds the legal one (%2)</source>
        <translation>承诺时限（%1个工作日）超过法定时限（%2个工作日）</translation>
    </message>
    <message numerus="yes">
        <source>a JSONLogic operation must be an object with exactly one operator key, not %n key(s)</source>
        <translation>
            <numerusform>JSONLogic 运算应为只含一个运算符键的对象，此处有 %n 个键</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown JSONLogic operator &quot;%1&quot;</source>
        <translation>未知的 JSONLogic 运算符“%1”</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs an array and a rule to apply to its elements</source>
        <translation>“%1”需要一个数组和作用于其元素的规则</translation>
    </message>
    <message>
        <source>rules cannot read &quot;%1&quot;; data starts with one of: %2</source>
        <translation>规则无法读取“%1”；数据路径应以下列之一开头：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a field of this item&apos;s form</source>
        <translation>“%1”不是本事项表单中的字段</translation>
    </message>
    <message>
        <source>duplicate &quot;%1&quot; (first at %2)</source>
        <translation>“%1”重复（首次出现于 %2）</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>应为对象</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>must be a non-empty string</source>
        <translation>应为非空字符串</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not valid: %2</source>
        <translation>“%1”无效：%2</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>应为 true 或 false</translation>
    </message>
    <message>
        <source>must be a positive integer</source>
        <translation>应为正整数</translation>
    </message>
    <message>
        <source>must be a non-negative integer</source>
        <translation>应为非负整数</translation>
    </message>
    <message>
        <source>must be an integer from %1 to %2</source>
        <translation>应为 %1 至 %2 之间的整数</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>应为数字</translation>
    </message>
    <message>
        <source>must be an array</source>
        <translation>应为数组</translation>
    </message>
    <message>
        <source>unknown member</source>
        <translation>未知成员</translation>
    </message>
    <message>
        <source>form field &quot;%1&quot; offers different choices in items %2 and %3</source>
        <translation>表单字段“%1”在事项 %2 和 %3 中的选项不同</translation>
    </message>
    <message>
        <source>form field &quot;%1&quot; is of type %2 in item %3 but of type %4 in item %5</source>
        <translation>表单字段“%1”在事项 %3 中为 %2 类型，在事项 %5 中却为 %4 类型</translation>
    </message>
    <message>
        <source>and</source>
        <translation>且</translation>
    </message>
    <message>
        <source>or</source>
        <translation>或</translation>
    </message>
    <message>
        <source>not (%1)</source>
        <translation>非（%1）</translation>
    </message>
    <message>
        <source>%1 is filled in</source>
        <translation>%1已填写</translation>
    </message>
    <message>
        <source>%1 is one of %2</source>
        <translation>%1属于%2</translation>
    </message>
    <message>
        <source>at least one of %1 with %2</source>
        <translation>%1中至少有一项满足：%2</translation>
    </message>
    <message>
        <source>every one of %1 with %2</source>
        <translation>%1中每一项均满足：%2</translation>
    </message>
    <message>
        <source>none of %1 with %2</source>
        <translation>%1中没有一项满足：%2</translation>
    </message>
    <message>
        <source>if %1 then %2, otherwise %3</source>
        <translation>如果%1，则%2，否则%3</translation>
    </message>
    <message>
        <source>applicant&apos;s age</source>
        <translation>申请人年龄</translation>
    </message>
    <message>
        <source>days until the licence expires</source>
        <translation>证照距到期天数</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>the element</source>
        <translation>该项</translation>
    </message>
    <message>
        <source>true</source>
        <translation>是</translation>
    </message>
    <message>
        <source>false</source>
        <translation>否</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>%1 all filled in</source>
        <translation>%1均已填写</translation>
    </message>
    <message>
        <source>something missing among %1</source>
        <translation>%1中有未填写项</translation>
    </message>
    <message>
        <source>「%1」 received</source>
        <translation>已收取「%1」</translation>
    </message>
    <message>
        <source>use 1 to 8 capital letters or digits, starting with a letter</source>
        <translation>请使用 1 至 8 位大写字母或数字，以字母开头</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>not valid JSON (%1 at offset %2)</source>
        <translation>不是有效的 JSON（%1，位置 %2）</translation>
    </message>
    <message>
        <source>a calendar file must contain a JSON object</source>
        <translation>日历文件必须包含一个 JSON 对象</translation>
    </message>
    <message>
        <source>unsupported calendar format: &quot;version&quot; must be %1</source>
        <translation>不支持的日历格式：&quot;version&quot; 必须为 %1</translation>
    </message>
    <message>
        <source>&quot;year&quot; must be a year such as 2026</source>
        <translation>&quot;year&quot; 必须是年份，例如 2026</translation>
    </message>
    <message>
        <source>&quot;holidays&quot; must be a list</source>
        <translation>&quot;holidays&quot; 必须是列表</translation>
    </message>
    <message>
        <source>holiday %1</source>
        <translation>第 %1 个节假日</translation>
    </message>
    <message>
        <source>%1 has no &quot;name&quot;</source>
        <translation>%1 缺少节日名称（&quot;name&quot;）</translation>
    </message>
    <message>
        <source>%1 (%2) has no &quot;days&quot;</source>
        <translation>%1（%2）缺少放假日期（&quot;days&quot;）</translation>
    </message>
    <message>
        <source>&quot;makeupWorkdays&quot; must be a list</source>
        <translation>&quot;makeupWorkdays&quot; 必须是列表</translation>
    </message>
    <message>
        <source>make-up workdays</source>
        <translation>调休上班日</translation>
    </message>
    <message>
        <source>the make-up workday %1 is not a Saturday or Sunday</source>
        <translation>调休上班日 %1 不是星期六或星期日</translation>
    </message>
    <message>
        <source>%1: dates must be strings in the form YYYY-MM-DD</source>
        <translation>%1：日期必须是 YYYY-MM-DD 格式的字符串</translation>
    </message>
    <message>
        <source>%1: “%2” is not a date in the form YYYY-MM-DD</source>
        <translation>%1：“%2”不是 YYYY-MM-DD 格式的日期</translation>
    </message>
    <message>
        <source>%1: %2 is too far from the calendar&apos;s year %3</source>
        <translation>%1：%2 与日历年份 %3 相距过远</translation>
    </message>
    <message>
        <source>%1 is already listed as a holiday (%2)</source>
        <translation>%1 已列为节假日（%2）</translation>
    </message>
    <message>
        <source>%1 is listed more than once as a make-up workday</source>
        <translation>%1 作为调休上班日重复列出</translation>
    </message>
    <message>
        <source>an undefined value cannot be written as JSON</source>
        <translation>未定义的值无法写入 JSON</translation>
    </message>
    <message>
        <source>a string contains an unpaired surrogate (U+%1), which JSON cannot carry</source>
        <translation>字符串包含不成对的代理码元（U+%1），无法写入 JSON</translation>
    </message>
    <message>
        <source>the integer %1 is too large for JSON numbers; store it as a string</source>
        <translation>整数 %1 超出 JSON 数值可精确表示的范围，请改用字符串存储</translation>
    </message>
    <message>
        <source>%1 is not a number JSON can represent</source>
        <translation>%1 不是 JSON 可以表示的数值</translation>
    </message>
    <message>
        <source>no ID card number was given</source>
        <translation>未输入身份证号码</translation>
    </message>
    <message>
        <source>the character “%1” at position %2 is not allowed in an ID card number</source>
        <translation>第 %2 位的字符“%1”不能出现在身份证号码中</translation>
    </message>
    <message>
        <source>an ID card number has 18 characters (or 15 for old cards), not %1</source>
        <translation>身份证号码应为 18 位（第一代身份证为 15 位），而不是 %1 位</translation>
    </message>
    <message>
        <source>only the last character of an 18-digit ID card number may be X</source>
        <translation>只有 18 位身份证号码的最后一位（校验码）可以是 X</translation>
    </message>
    <message>
        <source>“%1” is not the code of a province, autonomous region or municipality</source>
        <translation>“%1”不是省、自治区、直辖市或特别行政区的代码</translation>
    </message>
    <message>
        <source>“%1” is not a valid date of birth</source>
        <translation>“%1”不是有效的出生日期</translation>
    </message>
    <message>
        <source>the date of birth %1 is before 1900</source>
        <translation>出生日期 %1 早于 1900 年</translation>
    </message>
    <message>
        <source>the date of birth %1 is in the future</source>
        <translation>出生日期 %1 晚于当前日期</translation>
    </message>
    <message>
        <source>the check digit should be %1, not %2</source>
        <translation>校验码应为 %1，而不是 %2</translation>
    </message>
    <message>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>organisational staffing</source>
        <translation>机构编制</translation>
    </message>
    <message>
        <source>foreign affairs</source>
        <translation>外交</translation>
    </message>
    <message>
        <source>judicial administration</source>
        <translation>司法行政</translation>
    </message>
    <message>
        <source>culture</source>
        <translation>文化</translation>
    </message>
    <message>
        <source>civil affairs</source>
        <translation>民政</translation>
    </message>
    <message>
        <source>tourism</source>
        <translation>旅游</translation>
    </message>
    <message>
        <source>religious affairs</source>
        <translation>宗教</translation>
    </message>
    <message>
        <source>trade unions</source>
        <translation>工会</translation>
    </message>
    <message>
        <source>market regulation</source>
        <translation>市场监管（工商）</translation>
    </message>
    <message>
        <source>Reform and Organisation Office of the Central Military Commission</source>
        <translation>中央军委改革和编制办公室</translation>
    </message>
    <message>
        <source>agriculture</source>
        <translation>农业</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>government organ</source>
        <translation>机关</translation>
    </message>
    <message>
        <source>public institution</source>
        <translation>事业单位</translation>
    </message>
    <message>
        <source>mass organisation staffed by the central staffing office</source>
        <translation>中央编办直接管理机构编制的群众团体</translation>
    </message>
    <message>
        <source>resident office of a foreign news agency</source>
        <translation>外国常驻新闻机构</translation>
    </message>
    <message>
        <source>law firm</source>
        <translation>律师执业机构</translation>
    </message>
    <message>
        <source>notary office</source>
        <translation>公证处</translation>
    </message>
    <message>
        <source>grassroots legal service office</source>
        <translation>基层法律服务所</translation>
    </message>
    <message>
        <source>forensic appraisal institution</source>
        <translation>司法鉴定机构</translation>
    </message>
    <message>
        <source>arbitration commission</source>
        <translation>仲裁委员会</translation>
    </message>
    <message>
        <source>foreign cultural centre in China</source>
        <translation>外国在华文化中心</translation>
    </message>
    <message>
        <source>social organisation</source>
        <translation>社会团体</translation>
    </message>
    <message>
        <source>private non-enterprise unit</source>
        <translation>民办非企业单位</translation>
    </message>
    <message>
        <source>foundation</source>
        <translation>基金会</translation>
    </message>
    <message>
        <source>resident office of a foreign tourism authority</source>
        <translation>外国旅游部门常驻代表机构</translation>
    </message>
    <message>
        <source>resident office of a Hong Kong, Macao or Taiwan tourism authority</source>
        <translation>港澳台地区旅游部门常驻内地（大陆）代表机构</translation>
    </message>
    <message>
        <source>religious venue</source>
        <translation>宗教活动场所</translation>
    </message>
    <message>
        <source>religious school</source>
        <translation>宗教院校</translation>
    </message>
    <message>
        <source>grassroots trade union</source>
        <translation>基层工会</translation>
    </message>
    <message>
        <source>enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <source>individual business</source>
        <translation>个体工商户</translation>
    </message>
    <message>
        <source>farmers&apos; specialised cooperative</source>
        <translation>农民专业合作社</translation>
    </message>
    <message>
        <source>military public institution</source>
        <translation>军队事业单位</translation>
    </message>
    <message>
        <source>group-level collective economic organisation</source>
        <translation>组级集体经济组织</translation>
    </message>
    <message>
        <source>village-level collective economic organisation</source>
        <translation>村级集体经济组织</translation>
    </message>
    <message>
        <source>township-level collective economic organisation</source>
        <translation>乡镇级集体经济组织</translation>
    </message>
    <message>
        <source>no unified social credit code was given</source>
        <translation>未输入统一社会信用代码</translation>
    </message>
    <message>
        <source>the character “%1” at position %2 is not used in unified social credit codes</source>
        <translation>第 %2 位的字符“%1”不属于统一社会信用代码的字符集</translation>
    </message>
    <message>
        <source>a unified social credit code has 18 characters, not %1</source>
        <translation>统一社会信用代码应为 18 位，而不是 %1 位</translation>
    </message>
    <message>
        <source>“%1” is not the code of a registration authority</source>
        <translation>“%1”不是登记管理部门代码</translation>
    </message>
    <message>
        <source>“%1” is not an organisation type of registration authority “%2”</source>
        <translation>“%1”不是登记管理部门“%2”下的机构类别代码</translation>
    </message>
    <message>
        <source>the region code “%1” (characters 3 to 8) must be six digits</source>
        <translation>第 3 至 8 位的登记管理机关行政区划码“%1”必须是 6 位数字</translation>
    </message>
    <message>
        <source>the check character should be %1, not %2</source>
        <translation>校验码应为 %1，而不是 %2</translation>
    </message>
    <message>
        <source>%1: %2 is a make-up workday here but a holiday in the calendar for %3</source>
        <translation>%1：%2 在此文件中为调休上班日，但在 %3 年日历中为节假日</translation>
    </message>
    <message>
        <source>%1: %2 is a holiday here but a make-up workday in the calendar for %3</source>
        <translation>%1：%2 在此文件中为节假日，但在 %3 年日历中为调休上班日</translation>
    </message>
    <message>
        <source>%1: cannot read the calendar file: %2</source>
        <translation>%1：无法读取日历文件：%2</translation>
    </message>
    <message>
        <source>%1: the calendar folder does not exist</source>
        <translation>%1：日历文件夹不存在</translation>
    </message>
    <message>
        <source>no working-day calendar is loaded for %1, so time limits reaching into that year cannot be computed; add the holiday calendar for %1</source>
        <translation>未加载 %1 年的工作日历，无法计算延续到该年的办理时限；请添加 %1 年的节假日安排</translation>
    </message>
    <message>
        <source>&quot;scope&quot; must be &quot;national&quot;, &quot;provisional&quot; or &quot;local&quot;, not &quot;%1&quot;</source>
        <translation>&quot;scope&quot; 须为 &quot;national&quot;、&quot;provisional&quot; 或 &quot;local&quot;，不能是 &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>HandoutPage</name>
    <message>
        <source>Find the case</source>
        <translation>查找办件</translation>
    </message>
    <message>
        <source>Case number, ID number or &amp;QR code:</source>
        <translation>办件编号、身份证号码或二维码(&amp;Q)：</translation>
    </message>
    <message>
        <source>Type or scan, then press Enter</source>
        <translation>输入或扫码后按回车</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>Hand out the result</source>
        <translation>出件</translation>
    </message>
    <message>
        <source>&amp;In person</source>
        <translation>本人领取(&amp;I)</translation>
    </message>
    <message>
        <source>By a dele&amp;gate</source>
        <translation>委托代领(&amp;G)</translation>
    </message>
    <message>
        <source>By &amp;mail</source>
        <translation>邮寄送达(&amp;M)</translation>
    </message>
    <message>
        <source>Check the applicant&apos;s ID card; the applicant signs the printed delivery receipt.</source>
        <translation>请核验申请人身份证；申请人在打印的送达回证上签名。</translation>
    </message>
    <message>
        <source>Delegate&apos;s &amp;name:</source>
        <translation>受托人姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Delegate&apos;s ID n&amp;umber:</source>
        <translation>受托人身份证号码(&amp;U)：</translation>
    </message>
    <message>
        <source>Keep the applicant&apos;s letter of authorisation with the case file; the delegate signs the receipt.</source>
        <translation>申请人的授权委托书归入办件档案；受托人在送达回证上签名。</translation>
    </message>
    <message>
        <source>Mailing &amp;address:</source>
        <translation>邮寄地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Postal ca&amp;rrier:</source>
        <translation>寄递企业(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Tracking number:</source>
        <translation>邮件单号(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Deliver and print receipt</source>
        <translation>登记送达并打印回证(&amp;D)</translation>
    </message>
    <message>
        <source>Receive the supplementary materials (补正收件)</source>
        <translation>补正材料收件</translation>
    </message>
    <message>
        <source>The applicant brought what the reviewing department asked for: the time limit runs again</source>
        <translation>申请人已提交审查部门要求补正的材料：办理时限恢复计算</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>&amp;Department:</source>
        <translation>科室(&amp;D)：</translation>
    </message>
    <message>
        <source>Case number, applicant or item (Ctrl+F)</source>
        <translation>办件编号、申请人或事项（Ctrl+F）</translation>
    </message>
    <message>
        <source>Service item</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <source>Office of origin</source>
        <translation>受理单位</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时限</translation>
    </message>
    <message>
        <source>Claimed by</source>
        <translation>认领人</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>刷新（F5）</translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation>放弃认领(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Claim (Ctrl+L)</source>
        <translation>认领(&amp;C)（Ctrl+L）</translation>
    </message>
    <message>
        <source>&amp;Open (Enter)</source>
        <translation>打开(&amp;O)（Enter）</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in — OneWindow</source>
        <translation>登录 — 一窗通</translation>
    </message>
    <message>
        <source>OneWindow comprehensive service workstation</source>
        <translation>一窗通综合窗口工作台</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Central server:</source>
        <translation>中心服务器(&amp;C)：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>OneWindow</source>
        <translation>一窗通</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>注销(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About OneWindow</source>
        <translation>关于一窗通(&amp;A)</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>One window accepts, the back office reviews by department, one window hands out results.</source>
        <translation>一窗受理、后台分类审批、统一窗口出件。</translation>
    </message>
    <message>
        <source>This workstation</source>
        <translation>本工作台</translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation>操作员：</translation>
    </message>
    <message>
        <source>Central server:</source>
        <translation>中心服务器：</translation>
    </message>
    <message>
        <source>Connection:</source>
        <translation>连接状态：</translation>
    </message>
    <message>
        <source>Server version:</source>
        <translation>服务器版本：</translation>
    </message>
    <message>
        <source>Local store:</source>
        <translation>本地数据库：</translation>
    </message>
    <message>
        <source>Workstation version:</source>
        <translation>工作台版本：</translation>
    </message>
    <message>
        <source>&amp;Check connection now</source>
        <translation>立即检测连接(&amp;C)</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print certificates</source>
        <translation>打证</translation>
    </message>
    <message>
        <source>P&amp;rinter:</source>
        <translation>打印机(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Calibrate…</source>
        <translation>校准(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>纸张(&amp;P)：</translation>
    </message>
    <message>
        <source>First &amp;serial number:</source>
        <translation>首张证书纸编号(&amp;S)：</translation>
    </message>
    <message>
        <source>The number printed on the first blank sheet, e.g. SC0000451</source>
        <translation>第一张空白证书纸上印制的编号，如 SC0000451</translation>
    </message>
    <message>
        <source>&amp;Reason for the reprint:</source>
        <translation>重打原因(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>PrintQueuePage</name>
    <message>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <source>Case number, certificate number, holder or ID number</source>
        <translation>办件编号、证照编号、持证人或证件号码</translation>
    </message>
    <message>
        <source>Show &amp;printed certificates</source>
        <translation>显示已打印证照(&amp;P)</translation>
    </message>
    <message>
        <source>Printed certificates are listed too, for a reprint or a spoiled sheet</source>
        <translation>同时列出已打印的证照，用于重打或登记作废</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Print the chosen certificates (Enter or F5)</source>
        <translation>打印所选证照（回车或 F5）</translation>
    </message>
    <message>
        <source>Pre&amp;view…</source>
        <translation>预览(&amp;V)…</translation>
    </message>
    <message>
        <source>Show the chosen certificates marked 预览 — 无效 (Ctrl+P)</source>
        <translation>预览所选证照，标有“预览 — 无效”（Ctrl+P）</translation>
    </message>
    <message>
        <source>Re&amp;print…</source>
        <translation>重打(&amp;E)…</translation>
    </message>
    <message>
        <source>Print a certificate again; the reason goes into the print log</source>
        <translation>再次打印证照，原因记入打证记录</translation>
    </message>
    <message>
        <source>&amp;Spoiled sheet…</source>
        <translation>作废/卡纸(&amp;S)…</translation>
    </message>
    <message>
        <source>A sheet of certificate paper jammed or came out wrong: void its serial number</source>
        <translation>证书纸卡纸或印错：作废其编号</translation>
    </message>
    <message>
        <source>Verify a certificate…</source>
        <translation>验证证照…</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Notice of Acceptance</source>
        <translation>受理通知书</translation>
    </message>
    <message>
        <source>One-Time Notice of Missing Materials</source>
        <translation>一次性告知书</translation>
    </message>
    <message>
        <source>Notice of Refusal to Accept</source>
        <translation>不予受理通知书</translation>
    </message>
    <message>
        <source>It is not a OneWindow certificate code: it does not start with %1.</source>
        <translation>这不是一窗通证照核验码：没有以 %1 开头。</translation>
    </message>
    <message>
        <source>The code is damaged or incomplete: it must have two parts separated by a dot.</source>
        <translation>核验码已损坏或不完整：应由圆点分隔的两部分组成。</translation>
    </message>
    <message>
        <source>The code is damaged: it contains characters that do not belong in it.</source>
        <translation>核验码已损坏：含有不应出现的字符。</translation>
    </message>
    <message>
        <source>The code is damaged or incomplete: its signature has %1 bytes instead of %2.</source>
        <translation>核验码已损坏或不完整：签名为 %1 字节，应为 %2 字节。</translation>
    </message>
    <message>
        <source>The code is damaged: its details cannot be read.</source>
        <translation>核验码已损坏：无法读取其中的证照信息。</translation>
    </message>
    <message>
        <source>The code is damaged: its details are not in the canonical form that is signed.</source>
        <translation>核验码已损坏：证照信息不是签名所用的规范格式。</translation>
    </message>
    <message>
        <source>The code states &quot;%1&quot;, which is not a certificate detail.</source>
        <translation>核验码含有“%1”，这不是证照信息项。</translation>
    </message>
    <message>
        <source>The code&apos;s detail &quot;%1&quot; is not text.</source>
        <translation>核验码中的信息项“%1”不是文本。</translation>
    </message>
    <message>
        <source>The code lacks the certificate detail &quot;%1&quot;.</source>
        <translation>核验码缺少证照信息项“%1”。</translation>
    </message>
    <message>
        <source>The code&apos;s date &quot;%1&quot; is not a valid date.</source>
        <translation>核验码中的日期“%1”不是有效日期。</translation>
    </message>
    <message>
        <source>No SM2 key could be generated: this OpenSSL has no SM2 support.</source>
        <translation>无法生成 SM2 密钥：当前 OpenSSL 不支持 SM2。</translation>
    </message>
    <message>
        <source>This is not an SM2 private key in PEM format.</source>
        <translation>这不是 PEM 格式的 SM2 私钥。</translation>
    </message>
    <message>
        <source>This is not an SM2 public key in PEM format.</source>
        <translation>这不是 PEM 格式的 SM2 公钥。</translation>
    </message>
    <message>
        <source>There is no private key to write.</source>
        <translation>没有可写入的私钥。</translation>
    </message>
    <message>
        <source>Cannot restrict the permissions of %1: %2</source>
        <translation>无法收紧 %1 的访问权限：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Signing a certificate needs the authority&apos;s private key.</source>
        <translation>签发证照核验码需要发证机关的私钥。</translation>
    </message>
    <message>
        <source>The certificate could not be signed (SM2 signing failed).</source>
        <translation>证照签名失败（SM2 签名出错）。</translation>
    </message>
    <message>
        <source>The code names the issuing authority &quot;%1&quot;, whose public key is not known here: update the catalogue or check the certificate with that authority.</source>
        <translation>核验码所称的发证机关“%1”的公钥在本机未知：请更新事项目录，或向该机关核实证照。</translation>
    </message>
    <message>
        <source>The public key of the issuing authority &quot;%1&quot; cannot be used: %2</source>
        <translation>发证机关“%1”的公钥无法使用：%2</translation>
    </message>
    <message>
        <source>The signature does not match these details: they were changed after signing, or the code was not issued by &quot;%1&quot;.</source>
        <translation>签名与证照信息不符：信息在签名后被改动，或该核验码并非由“%1”签发。</translation>
    </message>
    <message>
        <source>genuine</source>
        <translation>真实</translation>
    </message>
    <message>
        <source>forged</source>
        <translation>伪造</translation>
    </message>
    <message>
        <source>malformed</source>
        <translation>格式错误</translation>
    </message>
    <message>
        <source>unknown authority</source>
        <translation>发证机关未知</translation>
    </message>
    <message>
        <source>Delivery Receipt</source>
        <translation>送达回证</translation>
    </message>
    <message>
        <source>In person at the window</source>
        <translation>窗口直接送达</translation>
    </message>
    <message>
        <source>Collected by an authorised delegate</source>
        <translation>委托代领</translation>
    </message>
    <message>
        <source>By mail</source>
        <translation>邮寄送达</translation>
    </message>
    <message>
        <source>unknown property (expected one of: %1)</source>
        <translation>未知属性（应为以下之一：%1）</translation>
    </message>
    <message>
        <source>is required and must be text</source>
        <translation>为必填项，且必须是文本</translation>
    </message>
    <message>
        <source>must be a list of font family names</source>
        <translation>必须是字体族名称列表</translation>
    </message>
    <message>
        <source>must be between 2 and 400 points</source>
        <translation>必须在 2 到 400 磅之间</translation>
    </message>
    <message>
        <source>the field &quot;%1&quot; is declared twice</source>
        <translation>字段“%1”重复声明</translation>
    </message>
    <message>
        <source>is not a colour (write e.g. &quot;#c00000&quot;)</source>
        <translation>不是颜色值（例如写作“#c00000”）</translation>
    </message>
    <message>
        <source>unknown element type &quot;%1&quot; (expected one of: %2)</source>
        <translation>未知元素类型“%1”（应为以下之一：%2）</translation>
    </message>
    <message>
        <source>must be &quot;plain&quot; (plain paper only) or &quot;both&quot; (also on pre-printed stock)</source>
        <translation>必须为“plain”（仅白纸打印）或“both”（套打证书纸时也打印）</translation>
    </message>
    <message>
        <source>must be between 0 and 1</source>
        <translation>必须在 0 到 1 之间</translation>
    </message>
    <message>
        <source>unknown format &quot;%1&quot; (expected &quot;date&quot;)</source>
        <translation>未知格式“%1”（应为“date”）</translation>
    </message>
    <message>
        <source>must be [x, y, width, height] in millimetres</source>
        <translation>必须为 [x, y, 宽, 高]，单位毫米</translation>
    </message>
    <message>
        <source>the width and height must be greater than zero</source>
        <translation>宽度和高度必须大于零</translation>
    </message>
    <message>
        <source>the box (x %1, y %2, %3 × %4 mm) extends beyond the %5 × %6 mm page</source>
        <translation>区域（x %1，y %2，%3 × %4 毫米）超出了 %5 × %6 毫米的页面</translation>
    </message>
    <message>
        <source>must be &quot;none&quot;, &quot;shrink&quot; or &quot;wrap&quot;</source>
        <translation>必须为“none”“shrink”或“wrap”</translation>
    </message>
    <message>
        <source>must be at least 2 points and not larger than the font size (%1 pt)</source>
        <translation>不得小于 2 磅，且不得大于字号（%1 磅）</translation>
    </message>
    <message>
        <source>must be &quot;left&quot;, &quot;center&quot;, &quot;right&quot; or &quot;justify&quot;</source>
        <translation>必须为“left”“center”“right”或“justify”</translation>
    </message>
    <message>
        <source>must be &quot;top&quot;, &quot;middle&quot; or &quot;bottom&quot;</source>
        <translation>必须为“top”“middle”或“bottom”</translation>
    </message>
    <message>
        <source>unknown field &quot;%1&quot;: declare it under &quot;fields&quot; (declared: %2)</source>
        <translation>未知字段“%1”：请在“fields”中声明（已声明：%2）</translation>
    </message>
    <message>
        <source>cannot read the image %1</source>
        <translation>无法读取图片 %1</translation>
    </message>
    <message>
        <source>must be between 0 and 20 millimetres</source>
        <translation>必须在 0 到 20 毫米之间</translation>
    </message>
    <message>
        <source>Cannot read the template %1: %2</source>
        <translation>无法读取模板 %1：%2</translation>
    </message>
    <message>
        <source>There is no template file or built-in template called &quot;%1&quot; (built-in: %2).</source>
        <translation>没有名为“%1”的模板文件或内置模板（内置模板：%2）。</translation>
    </message>
    <message>
        <source>The template &quot;%1&quot; needs the field &quot;%2&quot; (%3), which has no value.</source>
        <translation>模板“%1”需要字段“%2”（%3），但该字段没有值。</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; is too long for a QR code.</source>
        <translation>字段“%1”过长，无法生成二维码。</translation>
    </message>
    <message>
        <source>The certificate cannot be drawn on this device.</source>
        <translation>无法在此设备上输出证照。</translation>
    </message>
    <message>
        <source>The certificate could not be written to %1.</source>
        <translation>无法将证照写入 %1。</translation>
    </message>
    <message>
        <source>not valid JSON at offset %1: %2</source>
        <translation>不是有效的 JSON（位置 %1）：%2</translation>
    </message>
    <message>
        <source>a template is a JSON object</source>
        <translation>模板应为 JSON 对象</translation>
    </message>
    <message>
        <source>must be &quot;%1&quot;</source>
        <translation>必须为“%1”</translation>
    </message>
    <message>
        <source>only version 1 is understood</source>
        <translation>仅支持版本 1</translation>
    </message>
    <message>
        <source>needs widthMm and heightMm between 0 and %1 millimetres</source>
        <translation>需要 widthMm 和 heightMm，取值在 0 到 %1 毫米之间</translation>
    </message>
    <message>
        <source>must be a list of elements</source>
        <translation>必须是元素列表</translation>
    </message>
    <message>
        <source>Notice to Supplement Materials</source>
        <translation>补正通知书</translation>
    </message>
    <message>
        <source>The certificate record lacks &quot;%1&quot;.</source>
        <translation>证照记录缺少“%1”。</translation>
    </message>
    <message>
        <source>The certificate record&apos;s &quot;%1&quot; is not a date: &quot;%2&quot;.</source>
        <translation>证照记录中的“%1”不是有效日期：“%2”。</translation>
    </message>
    <message>
        <source>The issuing authority&apos;s code is missing.</source>
        <translation>缺少发证机关代码。</translation>
    </message>
    <message>
        <source>The certificate record ends (%1) before it begins (%2).</source>
        <translation>证照记录的有效期截止日（%1）早于起始日（%2）。</translation>
    </message>
    <message>
        <source>The notice template &quot;%1&quot; cannot be used: %2</source>
        <translation>通知书模板&quot;%1&quot;无法使用：%2</translation>
    </message>
    <message>
        <source>The %1 cannot be printed: %2</source>
        <translation>%1无法打印：%2</translation>
    </message>
    <message>
        <source>must be &quot;all&quot;, &quot;first&quot; (the first page only) or &quot;rest&quot; (the pages a flow continues on)</source>
        <translation>必须为&quot;all&quot;（每页）、&quot;first&quot;（仅第一页）或&quot;rest&quot;（续页）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a list field; a QR code shows a single value</source>
        <translation>&quot;%1&quot;是列表字段，二维码只能显示单个值</translation>
    </message>
    <message>
        <source>must name a field, as &quot;field&quot; (has a value) or &quot;field=value&quot;</source>
        <translation>必须写明字段，如&quot;field&quot;（有值时）或&quot;field=value&quot;</translation>
    </message>
    <message>
        <source>the placeholder {%1} names no declared field (declared: %2)</source>
        <translation>占位符{%1}不是已声明的字段（已声明：%2）</translation>
    </message>
    <message>
        <source>the placeholder {%1} has an unknown format &quot;%2&quot; (expected &quot;date&quot;)</source>
        <translation>占位符{%1}的格式&quot;%2&quot;无法识别（应为&quot;date&quot;）</translation>
    </message>
    <message>
        <source>has a &quot;{&quot; or &quot;}&quot; that is not part of a {field} placeholder</source>
        <translation>含有不属于{字段}占位符的&quot;{&quot;或&quot;}&quot;</translation>
    </message>
    <message>
        <source>must be a number from %1 to %2%3</source>
        <translation>必须是%1至%2%3之间的数值</translation>
    </message>
    <message>
        <source> mm</source>
        <translation>毫米</translation>
    </message>
    <message>
        <source>must be as wide as the box (%1 mm): the content is laid out once for both</source>
        <translation>宽度必须与box相同（%1毫米）：两处内容按同一排版</translation>
    </message>
    <message>
        <source>must be a list of at least one block</source>
        <translation>必须是至少包含一个块的列表</translation>
    </message>
    <message>
        <source>unknown block type &quot;%1&quot; (expected one of: %2)</source>
        <translation>未知的块类型&quot;%1&quot;（应为以下之一：%2）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a list field: declare it with &quot;list&quot;: true</source>
        <translation>&quot;%1&quot;不是列表字段：请以&quot;list&quot;: true声明</translation>
    </message>
    <message>
        <source>is required and must be a number</source>
        <translation>为必填项，且必须是数值</translation>
    </message>
    <message>
        <source>must be [x, y, width, height] in millimetres from the flow&apos;s left edge and the block&apos;s place, with a width and height greater than zero</source>
        <translation>必须为[x, y, 宽, 高]（毫米，自流式区域左边缘及该块所在位置起算），宽和高须大于零</translation>
    </message>
    <message>
        <source>A single paragraph of &quot;%1&quot; is longer than a page: shorten it.</source>
        <translation>&quot;%1&quot;中有一段内容超过一页，请删减。</translation>
    </message>
    <message>
        <source>The content of &quot;%1&quot; does not fit on the page even in %2 pt type: it needs %3 mm where the template leaves %4 mm. Shorten the lists or split them.</source>
        <translation>&quot;%1&quot;的内容即使缩小到%2磅仍超出版面：需要%3毫米，模板仅留%4毫米。请精简或拆分清单。</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>QSqlDriver</name>
    <message>
        <source>Unable to execute statement</source>
        <translation>无法执行语句</translation>
    </message>
    <message>
        <source>Unable to execute multiple statements at a time</source>
        <translation>不能一次执行多条语句</translation>
    </message>
    <message>
        <source>Parameter count mismatch</source>
        <translation>参数个数不匹配</translation>
    </message>
    <message>
        <source>Unable to bind parameters</source>
        <translation>无法绑定参数</translation>
    </message>
    <message>
        <source>Unable to reset statement</source>
        <translation>无法重置语句</translation>
    </message>
    <message>
        <source>Unable to fetch row</source>
        <translation>无法读取数据行</translation>
    </message>
    <message>
        <source>Error opening database</source>
        <translation>打开数据库出错</translation>
    </message>
    <message>
        <source>Error closing database</source>
        <translation>关闭数据库出错</translation>
    </message>
    <message>
        <source>Unable to begin transaction</source>
        <translation>无法开始事务</translation>
    </message>
    <message>
        <source>Unable to commit transaction</source>
        <translation>无法提交事务</translation>
    </message>
    <message>
        <source>Unable to rollback transaction</source>
        <translation>无法回滚事务</translation>
    </message>
</context>
<context>
    <name>Queue</name>
    <message>
        <source>Ordinary</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Elderly</source>
        <translation>老年人</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>残疾人</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等候中</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>已叫号</translation>
    </message>
    <message>
        <source>Being served</source>
        <translation>办理中</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>已弃号</translation>
    </message>
    <message>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>There is no window %1.</source>
        <translation>没有 %1 号窗口。</translation>
    </message>
    <message>
        <source>Window %1 is paused; resume it first.</source>
        <translation>%1 号窗口已暂停；请先恢复。</translation>
    </message>
    <message>
        <source>Window %1 still has ticket %2; finish it, park it or mark it as a no-show first.</source>
        <translation>%1 号窗口仍有 %2 号未处理完；请先办结、挂起或弃号。</translation>
    </message>
    <message>
        <source>There is no service category %1.</source>
        <translation>没有业务类别 %1。</translation>
    </message>
    <message>
        <source>Nobody is waiting for window %1.</source>
        <translation>%1 号窗口没有等候的群众。</translation>
    </message>
    <message>
        <source>There is no ticket %1 today.</source>
        <translation>今天没有 %1 号。</translation>
    </message>
    <message>
        <source>Ticket %1 cannot be called: it is %2.</source>
        <translation>%1 号无法呼叫：当前状态为“%2”。</translation>
    </message>
    <message>
        <source>Window %1 has no called ticket to call again.</source>
        <translation>%1 号窗口没有可重呼的号。</translation>
    </message>
    <message>
        <source>Window %1 has no called ticket to give up.</source>
        <translation>%1 号窗口没有可弃号的号。</translation>
    </message>
    <message>
        <source>Window %1 has no ticket to park.</source>
        <translation>%1 号窗口没有可挂起的号。</translation>
    </message>
    <message>
        <source>Window %1 has no ticket to transfer.</source>
        <translation>%1 号窗口没有可转移的号。</translation>
    </message>
    <message>
        <source>A ticket cannot be transferred to the window it is at.</source>
        <translation>不能把号转移到它当前所在的窗口。</translation>
    </message>
    <message>
        <source>Window %1 has no called ticket to serve.</source>
        <translation>%1 号窗口没有已叫到的号可以开始办理。</translation>
    </message>
    <message>
        <source>Window %1 is not serving anyone.</source>
        <translation>%1 号窗口当前没有在办理的业务。</translation>
    </message>
    <message>
        <source>Only a finished service can be evaluated.</source>
        <translation>只有已办结的服务才能评价。</translation>
    </message>
    <message>
        <source>Ticket %1 has already been evaluated.</source>
        <translation>%1 号已经评价过了。</translation>
    </message>
    <message>
        <source>A reason is recorded only with a dissatisfied evaluation.</source>
        <translation>只有“不满意”或“非常不满意”的评价才记录原因。</translation>
    </message>
    <message>
        <source>Window %1 still has ticket %2; finish it first.</source>
        <translation>%1 号窗口仍有 %2 号未处理完；请先办结。</translation>
    </message>
    <message>
        <source>The stored queue ticket %1 cannot be read by this version of OneWindow (priority &quot;%2&quot;, state &quot;%3&quot;).</source>
        <translation>本版本一窗通无法读取已保存的排队号 %1（优先类别“%2”，状态“%3”）。</translation>
    </message>
    <message>
        <source>The queue of %1 cannot be loaded from the tickets of %2.</source>
        <translation>%1 的排队队列不能从 %2 的排队号中载入。</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>&amp;Window:</source>
        <translation>窗口(&amp;W)：</translation>
    </message>
    <message>
        <source>Pause window (F9)</source>
        <translation>暂停窗口 (F9)</translation>
    </message>
    <message>
        <source>At this window</source>
        <translation>本窗口当前号</translation>
    </message>
    <message>
        <source>Calling</source>
        <translation>叫号操作</translation>
    </message>
    <message>
        <source>Call next (F2)</source>
        <translation>叫下一号 (F2)</translation>
    </message>
    <message>
        <source>Call again (F3)</source>
        <translation>重呼 (F3)</translation>
    </message>
    <message>
        <source>Start service (F4)</source>
        <translation>开始办理 (F4)</translation>
    </message>
    <message>
        <source>Finish service (F5)</source>
        <translation>办结 (F5)</translation>
    </message>
    <message>
        <source>No-show (F6)</source>
        <translation>弃号 (F6)</translation>
    </message>
    <message>
        <source>Park (F7)</source>
        <translation>挂起 (F7)</translation>
    </message>
    <message>
        <source>Transfer… (F8)</source>
        <translation>转移… (F8)</translation>
    </message>
    <message>
        <source>Call back parked (F10)</source>
        <translation>回呼 (F10)</translation>
    </message>
    <message>
        <source>Call n&amp;umber (Ctrl+G):</source>
        <translation>指定号码(&amp;U) (Ctrl+G)：</translation>
    </message>
    <message>
        <source>e.g. A012</source>
        <translation>如 A012</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>呼叫</translation>
    </message>
    <message>
        <source>Waiting for this window (green channel first)</source>
        <translation>本窗口等候（绿色通道优先）</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>业务类别</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先类型</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>取号时间</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>已等候</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
</context>
<context>
    <name>Server</name>
    <message>
        <source>Cannot read the TLS certificate %1: %2</source>
        <translation>无法读取 TLS 证书 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read the TLS key %1: %2</source>
        <translation>无法读取 TLS 私钥 %1：%2</translation>
    </message>
    <message>
        <source>The TLS certificate or key is not valid PEM.</source>
        <translation>TLS 证书或私钥不是有效的 PEM 格式。</translation>
    </message>
    <message>
        <source>Cannot listen on %1 port %2 (in use, or not permitted).</source>
        <translation>无法在 %1 的 %2 端口监听（端口已被占用或无权限）。</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation>多余的参数“%1”。</translation>
    </message>
    <message>
        <source>Option %1 needs a value.</source>
        <translation>选项 %1 需要一个值。</translation>
    </message>
    <message>
        <source>--listen: &quot;%1&quot; is not an IP address.</source>
        <translation>--listen：“%1”不是 IP 地址。</translation>
    </message>
    <message>
        <source>--port: &quot;%1&quot; is not a port number (0–65535).</source>
        <translation>--port：“%1”不是端口号（0–65535）。</translation>
    </message>
    <message>
        <source>--database: expected postgresql://USER:PASSWORD@HOST:PORT/DB.</source>
        <translation>--database：应为 postgresql://用户:密码@主机:端口/库名。</translation>
    </message>
    <message>
        <source>Unknown option %1.</source>
        <translation>未知选项 %1。</translation>
    </message>
    <message>
        <source>--data-dir is required.</source>
        <translation>必须指定 --data-dir。</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key must be given together.</source>
        <translation>--tls-cert 与 --tls-key 必须同时指定。</translation>
    </message>
    <message>
        <source>Cannot read the store key %1: %2</source>
        <translation>无法读取数据库密钥 %1：%2</translation>
    </message>
    <message>
        <source>The store key %1 is readable by other users; run chmod 600 on it.</source>
        <translation>数据库密钥 %1 可被其他用户读取；请对其执行 chmod 600。</translation>
    </message>
    <message>
        <source>The store key %1 is not 64 hexadecimal digits.</source>
        <translation>数据库密钥 %1 不是 64 位十六进制数。</translation>
    </message>
    <message>
        <source>The system&apos;s random number generator failed.</source>
        <translation>系统随机数生成器故障。</translation>
    </message>
    <message>
        <source>Cannot create the store key %1: %2</source>
        <translation>无法创建数据库密钥 %1：%2</translation>
    </message>
    <message>
        <source>Cannot create the data directory %1.</source>
        <translation>无法创建数据目录 %1。</translation>
    </message>
    <message>
        <source>The store %1 exists but its key %2 is missing; restore the key file.</source>
        <translation>数据库 %1 已存在，但其密钥 %2 缺失；请恢复该密钥文件。</translation>
    </message>
    <message>
        <source>The PostgreSQL driver (QPSQL) is not installed; install libqt6sql6-psql.</source>
        <translation>未安装 PostgreSQL 驱动（QPSQL）；请安装 libqt6sql6-psql。</translation>
    </message>
    <message>
        <source>Cannot connect to PostgreSQL at %1:%2: %3</source>
        <translation>无法连接 PostgreSQL（%1:%2）：%3</translation>
    </message>
    <message>
        <source>onewindow-central listening on %1://%2:%3 (%4)</source>
        <translation>onewindow-central 正在 %1://%2:%3 监听（%4）</translation>
    </message>
    <message>
        <source>embedded store</source>
        <translation>内置数据库</translation>
    </message>
    <message>
        <source>No such resource: %1</source>
        <translation>资源不存在：%1</translation>
    </message>
    <message>
        <source>The request body is larger than %1 bytes.</source>
        <translation>请求体超过 %1 字节。</translation>
    </message>
    <message>
        <source>The request body is not valid JSON (at byte %1: %2).</source>
        <translation>请求体不是有效的 JSON（第 %1 字节：%2）。</translation>
    </message>
    <message>
        <source>The request body must be a JSON object.</source>
        <translation>请求体必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>Unknown field &quot;%1&quot;.</source>
        <translation>未知字段“%1”。</translation>
    </message>
    <message>
        <source>The server&apos;s database is not available; try again later.</source>
        <translation>服务器数据库暂不可用，请稍后重试。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a non-empty string.</source>
        <translation>“%1”必须是非空字符串。</translation>
    </message>
    <message>
        <source>&quot;deviceId&quot; is too long.</source>
        <translation>“deviceId”过长。</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins; try again in %n second(s).</source>
        <translation>
            <numerusform>登录失败次数过多，请 %n 秒后重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>This account is disabled; ask the administrator.</source>
        <translation>该账号已停用，请联系管理员。</translation>
    </message>
    <message>
        <source>Sign in first: this request needs &quot;Authorization: Bearer TOKEN&quot;.</source>
        <translation>请先登录：此请求需要“Authorization: Bearer TOKEN”。</translation>
    </message>
    <message>
        <source>The token is not known; sign in again.</source>
        <translation>令牌无效，请重新登录。</translation>
    </message>
    <message>
        <source>The token was signed out; sign in again.</source>
        <translation>该令牌已退出登录，请重新登录。</translation>
    </message>
    <message>
        <source>The session has expired; sign in again.</source>
        <translation>会话已过期，请重新登录。</translation>
    </message>
    <message>
        <source>No such user.</source>
        <translation>用户不存在。</translation>
    </message>
    <message>
        <source>A blob is named by its SHA-256 in 64 lower-case hexadecimal digits.</source>
        <translation>附件以其 SHA-256 值命名，须为 64 位小写十六进制数字。</translation>
    </message>
    <message>
        <source>The uploaded content has SHA-256 %1, not %2; the upload was discarded.</source>
        <translation>上传内容的 SHA-256 为 %1，而非 %2；本次上传已作废。</translation>
    </message>
    <message>
        <source>An attachment can be at most %1 bytes.</source>
        <translation>单个附件最大为 %1 字节。</translation>
    </message>
    <message>
        <source>Content-Range announces %1 bytes but the request carries %2.</source>
        <translation>Content-Range 声明为 %1 字节，但请求实际包含 %2 字节。</translation>
    </message>
    <message>
        <source>The server holds %1 bytes of this upload (of %2); send from there.</source>
        <translation>服务器已收到本次上传的 %1 字节（共 %2 字节），请从该位置继续发送。</translation>
    </message>
    <message>
        <source>A chunk can be at most %1 bytes.</source>
        <translation>单个分片最大为 %1 字节。</translation>
    </message>
    <message>
        <source>Content-Range must read &quot;bytes START-END/TOTAL&quot;.</source>
        <translation>Content-Range 的格式须为“bytes 起始-结束/总长”。</translation>
    </message>
    <message>
        <source>No attachment %1 is stored.</source>
        <translation>未存储附件 %1。</translation>
    </message>
    <message>
        <source>The attachment %1 belongs to no case your office handles.</source>
        <translation>附件 %1 不属于本机构经办的任何办件。</translation>
    </message>
    <message>
        <source>An event must be a JSON object.</source>
        <translation>事件必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>The event is not valid: %1</source>
        <translation>事件无效：%1</translation>
    </message>
    <message>
        <source>The event&apos;s hash does not match its content.</source>
        <translation>事件的哈希值与其内容不符。</translation>
    </message>
    <message>
        <source>The event was recorded by user %1 of office %2 as %3 on device %4; you are signed in as %5 of office %6 on device %7.</source>
        <translation>该事件由机构 %2 的用户 %1 以 %3 身份在设备 %4 上记录；而您当前以机构 %6 的用户 %5 身份在设备 %7 上登录。</translation>
    </message>
    <message>
        <source>The event does not follow the last event the server has from device %1 (an event is missing or out of order).</source>
        <translation>该事件未接续服务器所存设备 %1 的最后一条事件（有事件缺失或顺序错乱）。</translation>
    </message>
    <message>
        <source>The attachment %1 the event cites has not been uploaded.</source>
        <translation>事件引用的附件 %1 尚未上传。</translation>
    </message>
    <message>
        <source>The log signing key is not loaded.</source>
        <translation>日志签名密钥未加载。</translation>
    </message>
    <message>
        <source>A statement has more placeholders than values.</source>
        <translation>语句中的占位符多于所给的值。</translation>
    </message>
    <message>
        <source>The log has no tree head.</source>
        <translation>日志没有树头。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number from %2 to %3.</source>
        <translation>“%1”须为 %2 至 %3 之间的整数。</translation>
    </message>
    <message>
        <source>Unknown parameter &quot;%1&quot;.</source>
        <translation>未知参数“%1”。</translation>
    </message>
    <message>
        <source>&quot;deviceId&quot; must be the pushing device&apos;s id.</source>
        <translation>“deviceId”须为推送设备的标识。</translation>
    </message>
    <message>
        <source>&quot;events&quot; must be an array of events.</source>
        <translation>“events”须为事件数组。</translation>
    </message>
    <message>
        <source>At most %1 events can be pushed at once; this request has %2.</source>
        <translation>每次最多推送 %1 条事件；本次请求包含 %2 条。</translation>
    </message>
    <message>
        <source>Each event must be a JSON object.</source>
        <translation>每条事件都必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>The cursor &quot;after&quot; is not one this server gave out.</source>
        <translation>游标“after”不是本服务器发出的。</translation>
    </message>
    <message>
        <source>The cursor is beyond this server&apos;s log; pull again from the start.</source>
        <translation>游标超出了本服务器日志的范围，请从头重新拉取。</translation>
    </message>
    <message>
        <source>A consistency proof needs first ≤ second ≤ the current tree size.</source>
        <translation>一致性证明要求 first ≤ second ≤ 当前树大小。</translation>
    </message>
    <message>
        <source>The log has no node for leaves %1 to %2.</source>
        <translation>日志中缺少叶子 %1 至 %2 的节点。</translation>
    </message>
    <message>
        <source>The server database is not available: %1</source>
        <translation>服务器数据库不可用：%1</translation>
    </message>
    <message>
        <source>The server database refused the change: %1</source>
        <translation>服务器数据库拒绝了此更改：%1</translation>
    </message>
    <message>
        <source>The password must be at least 10 characters long.</source>
        <translation>密码长度至少为 10 个字符。</translation>
    </message>
    <message>
        <source>The password must be at most 256 characters long.</source>
        <translation>密码长度不能超过 256 个字符。</translation>
    </message>
    <message>
        <source>The password must mix at least two of: letters, digits, other characters.</source>
        <translation>密码须至少包含字母、数字、其他字符中的两类。</translation>
    </message>
    <message>
        <source>Office code &quot;%1&quot; is not valid (letters, digits, - and _, at most 32).</source>
        <translation>机构代码“%1”无效（仅限字母、数字、- 和 _，最多 32 位）。</translation>
    </message>
    <message>
        <source>The office needs a name.</source>
        <translation>机构名称不能为空。</translation>
    </message>
    <message>
        <source>Level &quot;%1&quot; is not one of %2.</source>
        <translation>层级“%1”不是 %2 之一。</translation>
    </message>
    <message>
        <source>Office %1 already exists.</source>
        <translation>机构 %1 已存在。</translation>
    </message>
    <message>
        <source>The parent office %1 does not exist; add it first.</source>
        <translation>上级机构 %1 不存在；请先添加。</translation>
    </message>
    <message>
        <source>Department code &quot;%1&quot; is not valid (letters, digits, - and _, at most 32).</source>
        <translation>部门代码“%1”无效（仅限字母、数字、- 和 _，最多 32 位）。</translation>
    </message>
    <message>
        <source>The department needs a name.</source>
        <translation>部门名称不能为空。</translation>
    </message>
    <message>
        <source>Office %1 does not exist; add it first.</source>
        <translation>机构 %1 不存在；请先添加。</translation>
    </message>
    <message>
        <source>Office %1 already hosts department %2.</source>
        <translation>机构 %1 已入驻部门 %2。</translation>
    </message>
    <message>
        <source>User name &quot;%1&quot; is not valid: 2–64 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation>用户名“%1”无效：须为 2–64 位小写字母、数字、“.”、“_”或“-”，且以字母或数字开头。</translation>
    </message>
    <message>
        <source>The user needs at least one role.</source>
        <translation>用户至少需要一个角色。</translation>
    </message>
    <message>
        <source>Role &quot;%1&quot; is not one of %2.</source>
        <translation>角色“%1”不是 %2 之一。</translation>
    </message>
    <message>
        <source>Office %1 does not host department %2.</source>
        <translation>机构 %1 未入驻部门 %2。</translation>
    </message>
    <message>
        <source>User %1 already exists.</source>
        <translation>用户 %1 已存在。</translation>
    </message>
    <message>
        <source>No user is named %1.</source>
        <translation>没有名为 %1 的用户。</translation>
    </message>
    <message>
        <source>The server already holds a different catalogue with version %1; a published version never changes, so give the new catalogue a new version.</source>
        <translation>服务器上已有内容不同的事项目录版本 %1；已发布的版本不可更改，请为新目录指定新的版本号。</translation>
    </message>
    <message>
        <source>The cryptography library could not be initialised.</source>
        <translation>密码库初始化失败。</translation>
    </message>
    <message>
        <source>Hashing the password failed (out of memory).</source>
        <translation>密码哈希计算失败（内存不足）。</translation>
    </message>
    <message>
        <source>The stored events of case %1 no longer fold; the log was altered.</source>
        <translation>办件 %1 的已存事件无法重新归并，日志已被篡改。</translation>
    </message>
    <message>
        <source>Case %1 was registered at office %2; office %3 cannot act on it at the window.</source>
        <translation>办件 %1 由机构 %2 登记，机构 %3 不能在窗口办理该件。</translation>
    </message>
    <message>
        <source>Case %1 is not routed to a department you review for (%2).</source>
        <translation>办件 %1 未流转至您负责审批的部门（%2）。</translation>
    </message>
    <message>
        <source>You do not review for department %1, so you cannot give its opinion.</source>
        <translation>您不负责部门 %1 的审批，不能代其出具意见。</translation>
    </message>
    <message>
        <source>Only the lead department %1 concludes case %2.</source>
        <translation>办件 %2 只能由牵头部门 %1 办结。</translation>
    </message>
    <message>
        <source>Case %1 is not handled by your office %2.</source>
        <translation>办件 %1 不由您所在的机构 %2 经办。</translation>
    </message>
    <message>
        <source>The config file holds &quot;option = value&quot; lines with the same option names (e.g. port = 8470); options on the command line override it.</source>
        <translation>配置文件由“选项 = 值”行组成，选项名与命令行相同（如 port = 8470）；命令行选项优先于配置文件。</translation>
    </message>
    <message>
        <source>Cannot read the config file %1: %2</source>
        <translation>无法读取配置文件 %1：%2</translation>
    </message>
    <message>
        <source>%1 line %2: expected &quot;option = value&quot;.</source>
        <translation>%1 第 %2 行：应为“选项 = 值”的格式。</translation>
    </message>
    <message>
        <source>--token-lifetime: &quot;%1&quot; is not a number of seconds (1 to 2592000).</source>
        <translation>--token-lifetime：“%1”不是有效的秒数（1 至 2592000）。</translation>
    </message>
    <message>
        <source>There is no central server store (%1) in %2; check the directory.</source>
        <translation>%2 中没有中心服务器存储（%1）；请检查目录。</translation>
    </message>
    <message>
        <source>Cannot update the database schema of &quot;%1&quot;: %2</source>
        <translation>无法更新“%1”的数据库结构：%2</translation>
    </message>
    <message>
        <source>The database holds version %1 of &quot;%2&quot;, newer than this server knows (%3); run a newer onewindow-central.</source>
        <translation>数据库中“%2”的版本为 %1，高于本服务器支持的版本（%3）；请运行更新版本的 onewindow-central。</translation>
    </message>
    <message>
        <source>migration %1 (%2): %3</source>
        <translation>迁移 %1（%2）：%3</translation>
    </message>
    <message>
        <source>Cannot read the log signing key %1: %2</source>
        <translation>无法读取日志签名密钥 %1：%2</translation>
    </message>
    <message>
        <source>The log signing key %1 is readable by other users; run chmod 600 on it.</source>
        <translation>日志签名密钥 %1 可被其他用户读取，请对其执行 chmod 600。</translation>
    </message>
    <message>
        <source>The log signing key %1 is not 64 hexadecimal digits.</source>
        <translation>日志签名密钥 %1 不是 64 位十六进制数字。</translation>
    </message>
    <message>
        <source>Cannot create the log signing key %1: %2</source>
        <translation>无法创建日志签名密钥 %1：%2</translation>
    </message>
    <message>
        <source>The cryptography library (libsodium) could not be initialised.</source>
        <translation>密码库（libsodium）初始化失败。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a certificate number.</source>
        <translation>“%1”不是有效的证照编号。</translation>
    </message>
    <message>
        <source>No certificate with this number was issued through this server.</source>
        <translation>本服务器未签发过此编号的证照。</translation>
    </message>
    <message>
        <source>This certificate was issued and recorded by the service centre.</source>
        <translation>此证照由政务服务中心签发并已登记在案。</translation>
    </message>
    <message>
        <source>--renewal-window-days: &quot;%1&quot; is not a number of days (0 to 180; 0 turns renewals without application off).</source>
        <translation>--renewal-window-days：&quot;%1&quot; 不是有效天数（0 至 180；0 表示关闭免申续期）。</translation>
    </message>
    <message>
        <source>A violation needs the holder&apos;s ID number and what was found.</source>
        <translation>登记违法记录须填写持证人证件号码和查实情况。</translation>
    </message>
    <message>
        <source>The case %1 of certificate %2 has no created event.</source>
        <translation>证照 %2 所属办件 %1 没有登记事件。</translation>
    </message>
    <message>
        <source>The certificate %1 names item %2, which its case does not have.</source>
        <translation>证照 %1 所载事项 %2 不在其办件中。</translation>
    </message>
    <message>
        <source>The renewal of certificate %1 was refused: %2</source>
        <translation>证照 %1 的续期未被接受：%2</translation>
    </message>
    <message>
        <source>Only an administrator can start the renewals.</source>
        <translation>只有系统管理员可以启动免申续期。</translation>
    </message>
    <message>
        <source>&quot;today&quot; must be a date such as 2026-11-30.</source>
        <translation>&quot;today&quot; 须为日期，例如 2026-11-30。</translation>
    </message>
    <message>
        <source>&quot;windowDays&quot; must be a whole number from 0 to %1.</source>
        <translation>&quot;windowDays&quot; 须为 0 至 %1 的整数。</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator can record a violation.</source>
        <translation>只有督查人员或系统管理员可以登记违法记录。</translation>
    </message>
    <message>
        <source>&quot;holderId&quot; must be the holder&apos;s ID number or credit code.</source>
        <translation>&quot;holderId&quot; 须为持证人的身份证号码或统一社会信用代码。</translation>
    </message>
    <message>
        <source>&quot;reason&quot; must say what was found.</source>
        <translation>&quot;reason&quot; 须写明查实的违法情况。</translation>
    </message>
    <message>
        <source>Cannot read the certificate signing key %1: %2</source>
        <translation>无法读取证照签名密钥 %1：%2</translation>
    </message>
    <message>
        <source>The certificate signing key %1 cannot be used: %2</source>
        <translation>证照签名密钥 %1 不可用：%2</translation>
    </message>
    <message>
        <source>This server has no certificate signing key.</source>
        <translation>本服务器未配置证照签名密钥。</translation>
    </message>
    <message>
        <source>Usage: onewindow-central [--config FILE] --listen ADDR --port N --data-dir DIR [--database postgresql://USER:PASSWORD@HOST:PORT/DB] [--tls-cert FILE --tls-key FILE] [--token-lifetime SECONDS] [--renewal-window-days N] [--certificate-key FILE --certificate-authority ID] [--lang zh_CN|en]</source>
        <translation>用法：onewindow-central [--config FILE] --listen ADDR --port N --data-dir DIR [--database postgresql://USER:PASSWORD@HOST:PORT/DB] [--tls-cert FILE --tls-key FILE] [--token-lifetime SECONDS] [--renewal-window-days N] [--certificate-key FILE --certificate-authority ID] [--lang zh_CN|en]</translation>
    </message>
    <message>
        <source>--certificate-authority: &quot;%1&quot; is not an authority code (letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, at most 64).</source>
        <translation>--certificate-authority：“%1”不是有效的发证机关代码（仅限字母、数字、“.”、“_”和“-”，最多 64 个字符）。</translation>
    </message>
    <message>
        <source>--certificate-key and --certificate-authority must be given together.</source>
        <translation>--certificate-key 与 --certificate-authority 必须同时指定。</translation>
    </message>
    <message>
        <source>--certificate-key: cannot read %1.</source>
        <translation>--certificate-key：无法读取 %1。</translation>
    </message>
    <message>
        <source>The server database is not open.</source>
        <translation>服务器数据库尚未打开。</translation>
    </message>
    <message>
        <source>Only an administrator can issue certificate stock.</source>
        <translation>只有系统管理员可以发放套打证纸。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a whole number.</source>
        <translation>“%1”必须是整数。</translation>
    </message>
    <message>
        <source>Only window staff or an administrator can void certificate stock.</source>
        <translation>只有窗口人员或系统管理员可以作废套打证纸。</translation>
    </message>
    <message>
        <source>&quot;serial&quot; must be the serial number printed on the sheet.</source>
        <translation>“serial”必须是证纸上印制的编号。</translation>
    </message>
    <message>
        <source>&quot;reason&quot; must say why the sheet is voided (at most %1 characters).</source>
        <translation>“reason”须说明证纸作废的原因（最多 %1 个字符）。</translation>
    </message>
    <message>
        <source>Stock serial %1 was not issued to office %2: print on a sheet from a range issued to this office.</source>
        <translation>套打纸编号 %1 未发放给机构 %2：请使用发放给本机构的编号段内的证纸打印。</translation>
    </message>
    <message>
        <source>Stock serial %1 was voided (%2) and cannot be used again.</source>
        <translation>套打纸编号 %1 已作废（%2），不得再次使用。</translation>
    </message>
    <message>
        <source>Stock serial %1 was spoiled in an earlier print and cannot be used again.</source>
        <translation>套打纸编号 %1 在此前打印中已损坏作废，不得再次使用。</translation>
    </message>
    <message>
        <source>Stock serial %1 was already used to print certificate %2; each sheet is printed once.</source>
        <translation>套打纸编号 %1 已用于打印证照 %2，每张证纸只能打印一次。</translation>
    </message>
    <message>
        <source>&quot;office&quot; must be an office code.</source>
        <translation>“office”必须是机构代码。</translation>
    </message>
    <message>
        <source>&quot;prefix&quot; must be 1 to 16 letters, digits or &apos;-&apos; (e.g. SC).</source>
        <translation>“prefix”须为 1 至 16 个字母、数字或“-”（如 SC）。</translation>
    </message>
    <message>
        <source>&quot;certificateType&quot; must be a certificate type code.</source>
        <translation>“certificateType”必须是证照类型代码。</translation>
    </message>
    <message>
        <source>&quot;width&quot; must be a whole number from 1 to %1.</source>
        <translation>“width”必须是 1 至 %1 之间的整数。</translation>
    </message>
    <message>
        <source>&quot;first&quot; must be a whole number from 0 to %1.</source>
        <translation>“first”必须是 0 至 %1 之间的整数。</translation>
    </message>
    <message>
        <source>&quot;last&quot; must be a whole number from &quot;first&quot; (%1) to %2.</source>
        <translation>“last”必须是“first”（%1）至 %2 之间的整数。</translation>
    </message>
    <message>
        <source>There is no office %1.</source>
        <translation>不存在机构 %1。</translation>
    </message>
    <message>
        <source>The serials overlap the range %1–%2 already issued to office %3.</source>
        <translation>该编号段与已发放给机构 %3 的编号段 %1–%2 重叠。</translation>
    </message>
    <message>
        <source>Stock serial %1 was not issued to office %2.</source>
        <translation>套打纸编号 %1 未发放给机构 %2。</translation>
    </message>
    <message>
        <source>Stock serial %1 is already voided.</source>
        <translation>套打纸编号 %1 已作废。</translation>
    </message>
    <message>
        <source>Stock serial %1 was already used to print certificate %2.</source>
        <translation>套打纸编号 %1 已用于打印证照 %2。</translation>
    </message>
    <message>
        <source>certificate number</source>
        <translation>证照编号</translation>
    </message>
    <message>
        <source>holder&apos;s name</source>
        <translation>持证人姓名</translation>
    </message>
    <message>
        <source>holder&apos;s ID number</source>
        <translation>持证人证件号码</translation>
    </message>
    <message>
        <source>valid from</source>
        <translation>有效期起始日</translation>
    </message>
    <message>
        <source>valid until</source>
        <translation>有效期截止日</translation>
    </message>
    <message>
        <source>date of issue</source>
        <translation>发证日期</translation>
    </message>
    <message>
        <source>issuing authority</source>
        <translation>发证机关</translation>
    </message>
    <message>
        <source>The code belongs to certificate %1, not to %2.</source>
        <translation>该验证码属于证照 %1，而非证照 %2。</translation>
    </message>
    <message>
        <source>The code&apos;s details differ from the record of certificate %1: %2.</source>
        <translation>验证码所载信息与证照 %1 的登记记录不符：%2。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The code is signed in the name of &quot;%1&quot;, an issuing authority this service centre does not know.</source>
        <translation>验证码以发证机关“%1”的名义签名，本服务中心不认可该发证机关。</translation>
    </message>
    <message>
        <source>This certificate was revoked on %1: %2</source>
        <translation>该证照已于 %1 被撤销：%2</translation>
    </message>
    <message>
        <source>The code&apos;s signature and details match the certificate issued and recorded by the service centre.</source>
        <translation>验证码的签名及所载信息与服务中心签发并登记的证照一致。</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator can revoke a certificate.</source>
        <translation>只有监察人员或系统管理员可以撤销证照。</translation>
    </message>
    <message>
        <source>&quot;reason&quot; must say why the certificate is revoked (at most %1 characters).</source>
        <translation>“reason”须说明撤销证照的理由（最多 %1 个字符）。</translation>
    </message>
    <message>
        <source>No certificate %1 was issued through this server.</source>
        <translation>本服务器未签发证照 %1。</translation>
    </message>
    <message>
        <source>Certificate %1 was not issued in a case your office %2 handles.</source>
        <translation>证照 %1 不是在您所在机构 %2 办理的办件中签发的。</translation>
    </message>
    <message>
        <source>Certificate %1 was already revoked on %2.</source>
        <translation>证照 %1 已于 %2 被撤销。</translation>
    </message>
    <message>
        <source>The log&apos;s last sequence number could not be read.</source>
        <translation>无法读取日志的最后序号。</translation>
    </message>
    <message>
        <source>Certificate %1 cannot be signed: %2</source>
        <translation>证照 %1 无法签名：%2</translation>
    </message>
    <message>
        <source>The database connection cannot stream rows.</source>
        <translation>数据库连接无法批量传输数据行。</translation>
    </message>
    <message>
        <source>The push round is to be checked again with every lookup.</source>
        <translation>本轮推送须逐项重新查询后再核验一次。</translation>
    </message>
    <message>
        <source>The transaction was rolled back.</source>
        <translation>事务已回滚。</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <source>The key for the store %1 is not a 256-bit key, so it cannot be the store&apos;s key. The store was neither opened nor changed.</source>
        <translation>存储库 %1 的密钥不是 256 位密钥，不可能是该存储库的密钥。存储库未被打开，也未被改动。</translation>
    </message>
    <message>
        <source>A key was given for the unencrypted store %1.</source>
        <translation>为未加密的存储库 %1 提供了密钥。</translation>
    </message>
    <message>
        <source>Could not open the store %1: the connection name “%2” is already in use.</source>
        <translation>无法打开存储库 %1：连接名“%2”已在使用中。</translation>
    </message>
    <message>
        <source>The store %1 does not exist. Check the data directory, or create a new store with “onewindow-admin init”.</source>
        <translation>存储库 %1 不存在。请检查数据目录，或用“onewindow-admin init”新建存储库。</translation>
    </message>
    <message>
        <source>Could not open the store %1: it is not a file.</source>
        <translation>无法打开存储库 %1：它不是文件。</translation>
    </message>
    <message>
        <source>The store %1 is not encrypted. OneWindow keeps cases only in encrypted stores: move this file away and restore the store from a backup.</source>
        <translation>存储库 %1 未加密。一窗通只在加密存储库中保存办件：请将此文件移走，并从备份恢复存储库。</translation>
    </message>
    <message>
        <source>The store %1 already exists. A new store is never created over an existing one: open it, or choose another data directory.</source>
        <translation>存储库 %1 已存在。不会在已有存储库上新建存储库：请打开它，或选择其他数据目录。</translation>
    </message>
    <message>
        <source>Could not create the store %1: %2. Check that the data directory is writable.</source>
        <translation>无法创建存储库 %1：%2。请检查数据目录是否可写。</translation>
    </message>
    <message>
        <source>Could not open the store %1: %2. Check that the file is readable and writable.</source>
        <translation>无法打开存储库 %1：%2。请检查该文件是否可读写。</translation>
    </message>
    <message>
        <source>Could not open the store %1: %2.</source>
        <translation>无法打开存储库 %1：%2。</translation>
    </message>
    <message>
        <source>The store %1 cannot be decrypted with this key: it was encrypted with a different one. The file was not changed. If the keychain was reset, recover the key with “onewindow-admin recover”.</source>
        <translation>无法用此密钥解密存储库 %1：它是用另一个密钥加密的。文件未被改动。如果密钥环已被重置，请用“onewindow-admin recover”恢复密钥。</translation>
    </message>
    <message>
        <source>The store %1 is damaged (%2). The file was not changed; restore it from a backup or ask the centre&apos;s IT to recover it.</source>
        <translation>存储库 %1 已损坏（%2）。文件未被改动；请从备份恢复，或请中心信息技术人员修复。</translation>
    </message>
    <message>
        <source>Could not set up the store %1: %2.</source>
        <translation>无法设置存储库 %1：%2。</translation>
    </message>
    <message>
        <source>Could not change the key of the store %1: it is not open.</source>
        <translation>无法更换存储库 %1 的密钥：存储库未打开。</translation>
    </message>
    <message>
        <source>The new key for the store %1 is not a 256-bit key; the key was not changed.</source>
        <translation>存储库 %1 的新密钥不是 256 位密钥；密钥未更换。</translation>
    </message>
    <message>
        <source>Could not change the key of the store %1: %2. The store still opens with its old key.</source>
        <translation>无法更换存储库 %1 的密钥：%2。存储库仍使用原密钥打开。</translation>
    </message>
    <message>
        <source>Cannot update the store %1 to schema version %2: this version of OneWindow knows versions up to %3.</source>
        <translation>无法将存储库 %1 升级到结构版本 %2：此版一窗通最高只支持版本 %3。</translation>
    </message>
    <message>
        <source>Cannot read the schema version of the store %1: %2.</source>
        <translation>无法读取存储库 %1 的结构版本：%2。</translation>
    </message>
    <message>
        <source>The store %1 was written by a newer version of OneWindow (schema version %2; this version knows up to %3). It was not changed. Install the newer version of OneWindow to open it.</source>
        <translation>存储库 %1 由更新版本的一窗通写入（结构版本 %2；此版最高只支持 %3）。存储库未被改动。请安装更新版本的一窗通后再打开。</translation>
    </message>
    <message>
        <source>Could not update the store %1 to schema version %2: %3. The store stays at schema version %4; check the disk (space, permissions), then start OneWindow again.</source>
        <translation>无法将存储库 %1 升级到结构版本 %2：%3。存储库仍为结构版本 %4；请检查磁盘（空间、权限）后重新启动一窗通。</translation>
    </message>
    <message>
        <source>Could not read from the store %1: %2.</source>
        <translation>无法读取存储库 %1：%2。</translation>
    </message>
    <message>
        <source>Could not save to the store %1: %2. Nothing of this change was saved.</source>
        <translation>无法保存到存储库 %1：%2。此次更改未保存任何内容。</translation>
    </message>
    <message>
        <source>A work queue needs at least one case state and a page size above zero.</source>
        <translation>工作队列至少需要一个办件状态，且每页条数须大于零。</translation>
    </message>
    <message>
        <source>The attachment is %1 large; attachments can be at most %2. Scan it at a lower resolution or split it into several files.</source>
        <translation>附件大小为 %1；附件最大为 %2。请以较低分辨率扫描，或拆分为多个文件。</translation>
    </message>
    <message>
        <source>The attachment does not match its SHA-256 checksum (expected %1, got %2); it was not saved. Copy or scan it again.</source>
        <translation>附件与其 SHA-256 校验值不符（应为 %1，实际为 %2），未保存。请重新复制或扫描。</translation>
    </message>
    <message>
        <source>The attachment %1 in the store %2 is damaged: its bytes do not match its checksum. Fetch it again from the central server or rescan it.</source>
        <translation>存储库 %2 中的附件 %1 已损坏：内容与校验值不符。请从中心服务器重新获取，或重新扫描。</translation>
    </message>
    <message>
        <source>Restore the key with: onewindow-admin recover --data-dir %1 --recovery-key FILE</source>
        <translation>请用以下命令恢复密钥：onewindow-admin recover --data-dir %1 --recovery-key FILE</translation>
    </message>
    <message>
        <source>there is no store there. Create one with: onewindow-admin init --data-dir %1</source>
        <translation>该目录中没有数据存储。请用以下命令创建：onewindow-admin init --data-dir %1</translation>
    </message>
    <message>
        <source>a store (or part of one) is already there; nothing was changed. To start over, move that directory away first.</source>
        <translation>该目录中已有数据存储（或其部分文件），未做任何更改。如需重新开始，请先将该目录移走。</translation>
    </message>
    <message>
        <source>there is no keychain service (Secret Service) in this session, so the key cannot be read or stored. Log in to the desktop session (GNOME Keyring or KWallet must be running), then try again.</source>
        <translation>当前会话中没有密钥环服务（Secret Service），无法读取或保存密钥。请登录桌面会话（须运行 GNOME 密钥环或 KWallet）后重试。</translation>
    </message>
    <message>
        <source>the keyring that holds the key is locked. Unlock the keyring (log in to the desktop, or unlock the &quot;Login&quot; keyring in Passwords and Keys), then try again.</source>
        <translation>保存密钥的密钥环已锁定。请解锁密钥环（登录桌面，或在“密码和密钥”中解锁“登录”密钥环）后重试。</translation>
    </message>
    <message>
        <source>access to the keyring was denied. Allow OneWindow to use the keyring (or ask the administrator to lift the restriction), then try again.</source>
        <translation>访问密钥环被拒绝。请允许一窗通使用密钥环（或请管理员解除限制）后重试。</translation>
    </message>
    <message>
        <source>the keyring holds no key for this store; it may have been reset. The database is untouched. %1</source>
        <translation>密钥环中没有该数据存储的密钥，密钥环可能已被重置。数据库未被改动。%1</translation>
    </message>
    <message>
        <source>the keyring did not answer in time. If an unlock prompt is open, answer it; then try again.</source>
        <translation>密钥环未及时响应。如有解锁提示窗口，请先处理，然后重试。</translation>
    </message>
    <message>
        <source>the keyring reported an error.</source>
        <translation>密钥环报告了错误。</translation>
    </message>
    <message>
        <source>the key in the keyring does not open the database (the keyring entry was replaced, or the database came from another computer). The database is untouched. %1</source>
        <translation>密钥环中的密钥无法打开数据库（密钥环条目已被替换，或数据库来自另一台计算机）。数据库未被改动。%1</translation>
    </message>
    <message>
        <source>it was made by a newer version of OneWindow. Install that version or a newer one to open it.</source>
        <translation>它由更新版本的一窗通创建。请安装该版本或更新的版本后再打开。</translation>
    </message>
    <message>
        <source>its files are damaged or incomplete. Restore the directory from a backup.</source>
        <translation>其文件已损坏或不完整。请从备份恢复该目录。</translation>
    </message>
    <message>
        <source>no recovery public key was given. Pass --recovery-public-key FILE (the centre&apos;s recovery key) or put it at %1; or pass --no-escrow explicitly: without an escrowed key, a reset keyring loses every case not yet synced.</source>
        <translation>未提供恢复公钥。请指定 --recovery-public-key FILE（中心的恢复密钥）或将其放在 %1；或明确指定 --no-escrow：没有托管密钥时，密钥环一旦重置，所有尚未同步的办件都将丢失。</translation>
    </message>
    <message>
        <source>the recovery key is not a usable RSA (2048 bits or more) or SM2 key.</source>
        <translation>恢复密钥不是可用的 RSA（2048 位及以上）或 SM2 密钥。</translation>
    </message>
    <message>
        <source>the store has no key escrow, so a recovery key cannot restore it.</source>
        <translation>该数据存储没有密钥托管，无法用恢复密钥恢复。</translation>
    </message>
    <message>
        <source>no escrowed key could be unwrapped with this recovery key and open the database. Check that it is the centre&apos;s recovery key for this store.</source>
        <translation>用此恢复密钥解出的托管密钥均无法打开数据库。请确认这是本中心为该数据存储设置的恢复密钥。</translation>
    </message>
    <message>
        <source>a file could not be read or written.</source>
        <translation>无法读取或写入文件。</translation>
    </message>
    <message>
        <source>an unexpected error occurred.</source>
        <translation>发生了意外错误。</translation>
    </message>
    <message>
        <source>Keychain entry: &quot;%1&quot; of service &quot;%2&quot;.</source>
        <translation>密钥环条目：服务“%2”中的“%1”。</translation>
    </message>
    <message>
        <source>The key of the store in %1 was kept in the keychain backend %2, but this session uses %3. A key kept by one backend is not visible through another: log in to the desktop the store was set up with, or recover the key.</source>
        <translation>%1 中数据存储的密钥保存在密钥环后端 %2 中，但当前会话使用的是 %3。一个后端保存的密钥在另一个后端中不可见：请登录创建该数据存储时使用的桌面，或恢复密钥。</translation>
    </message>
    <message>
        <source>The key of the store in %1 was kept in the keychain backend %2; this session uses %3, which holds it too. The store now records %3.</source>
        <translation>%1 中数据存储的密钥原保存在密钥环后端 %2 中；当前会话使用的 %3 中也有该密钥。数据存储现已记录为 %3。</translation>
    </message>
    <message>
        <source>An interrupted key change of the store in %1 was finished.</source>
        <translation>%1 中数据存储此前中断的密钥更换已完成。</translation>
    </message>
    <message>
        <source>An interrupted key change of the store in %1 had not reached the database; the store keeps its current key.</source>
        <translation>%1 中数据存储此前中断的密钥更换尚未作用到数据库；数据存储继续使用当前密钥。</translation>
    </message>
    <message>
        <source>The store in %1 has its new key, but the keychain could not be updated yet; this is finished the next time the store is opened.</source>
        <translation>%1 中的数据存储已使用新密钥，但暂时无法更新密钥环；将在下次打开时完成。</translation>
    </message>
    <message>
        <source>The key escrow of the store in %1 does not hold its current key: a lost keyring could not be recovered. Run onewindow-admin rekey --data-dir %1 to escrow a new key.</source>
        <translation>%1 中数据存储的密钥托管文件不含其当前密钥：密钥环一旦丢失将无法恢复。请运行 onewindow-admin rekey --data-dir %1 以托管新密钥。</translation>
    </message>
    <message>
        <source>The key escrow of the store in %1 could not be updated.</source>
        <translation>无法更新 %1 中数据存储的密钥托管文件。</translation>
    </message>
    <message>
        <source>The description of the store in %1 (store.json) could not be updated.</source>
        <translation>无法更新 %1 中数据存储的描述文件（store.json）。</translation>
    </message>
    <message>
        <source>The store in %1 has no key escrow: if its keyring is lost, so are the cases not yet synced.</source>
        <translation>%1 中的数据存储没有密钥托管：密钥环一旦丢失，尚未同步的办件也将丢失。</translation>
    </message>
    <message>
        <source>Cannot create the store in %1: %2</source>
        <translation>无法在 %1 创建数据存储：%2</translation>
    </message>
    <message>
        <source>Cannot open the store in %1: %2</source>
        <translation>无法打开 %1 中的数据存储：%2</translation>
    </message>
    <message>
        <source>Cannot change the key of the store in %1: %2</source>
        <translation>无法更换 %1 中数据存储的密钥：%2</translation>
    </message>
    <message>
        <source>Cannot recover the store in %1: %2</source>
        <translation>无法恢复 %1 中的数据存储：%2</translation>
    </message>
    <message>
        <source>%1 (Details: %2)</source>
        <translation>%1（详细信息：%2）</translation>
    </message>
    <message>
        <source>The event %1 belongs to the case %2, not to the case %3 it was to update; nothing was saved.</source>
        <translation>事件 %1 属于办件 %2，而不是要更新的办件 %3；未保存任何内容。</translation>
    </message>
    <message>
        <source>payload: not a JSON object</source>
        <translation>payload：不是 JSON 对象</translation>
    </message>
    <message>
        <source>The stored event %1 of the case %2 cannot be read: %3</source>
        <translation>无法读取办件 %2 已保存的事件 %1：%3</translation>
    </message>
    <message>
        <source>The event %1 has no time; nothing was saved.</source>
        <translation>事件 %1 没有时间，未保存任何内容。</translation>
    </message>
    <message>
        <source>The stored events of the case %1 do not form a valid history: %2</source>
        <translation>办件 %1 已保存的事件不构成有效的办理过程：%2</translation>
    </message>
    <message>
        <source>The event&apos;s time %1 is before the case&apos;s last event (%2); check the clock of this computer. Nothing was saved.</source>
        <translation>事件时间 %1 早于该办件的最后一个事件（%2），请检查本机时钟。未保存任何内容。</translation>
    </message>
    <message>
        <source>The event %1 cannot be sealed: %2</source>
        <translation>无法封存事件 %1：%2</translation>
    </message>
    <message>
        <source>The event %1 cannot be stored as it is: %2; nothing was saved.</source>
        <translation>事件 %1 无法按原样保存：%2；未保存任何内容。</translation>
    </message>
    <message>
        <source>it does not read back identically</source>
        <translation>读回的内容与原事件不一致</translation>
    </message>
    <message>
        <source>The events of the device %1 cannot be read: %2</source>
        <translation>无法读取设备 %1 的事件：%2</translation>
    </message>
    <message>
        <source>The event %1 (#%2 of the device %3) is not a valid event: %4</source>
        <translation>事件 %1（设备 %3 的第 %2 个）不是有效的事件：%4</translation>
    </message>
    <message>
        <source>The event %1 came from the server without its server sequence number; nothing was saved.</source>
        <translation>服务器发来的事件 %1 缺少服务器序号；未保存任何内容。</translation>
    </message>
    <message>
        <source>The projection of the case %1 cannot be saved for the case %2; nothing was saved.</source>
        <translation>案件 %1 的状态记录不能保存为案件 %2 的记录；未保存任何内容。</translation>
    </message>
    <message>
        <source>The central server&apos;s log key differs from the one this workstation pinned at its first sync; the key was not changed.</source>
        <translation>中心服务器的日志密钥与本工作站首次同步时固定的密钥不一致；密钥未作更改。</translation>
    </message>
    <message>
        <source>The server&apos;s log key must be pinned before a tree head is kept.</source>
        <translation>必须先固定服务器的日志密钥，才能保存树头。</translation>
    </message>
    <message>
        <source>The server refused the event %1, which this store does not hold.</source>
        <translation>服务器拒收了事件 %1，但本数据存储中没有该事件。</translation>
    </message>
    <message>
        <source>The event %1 came from the server without its server sequence number; nothing of this batch was saved.</source>
        <translation>服务器发来的事件 %1 缺少服务器序号；本批数据均未保存。</translation>
    </message>
    <message>
        <source>The queue ticket &quot;%1&quot; was not saved: it needs a day, a number and the time it was issued.</source>
        <translation>排队号“%1”未保存：须有日期、号码和取号时间。</translation>
    </message>
    <message>
        <source>The queue ticket %1 was not saved: its call count or evaluation is out of range.</source>
        <translation>排队号 %1 未保存：呼叫次数或评价等级超出范围。</translation>
    </message>
    <message>
        <source>The pause of a service window was not saved: it needs a day and a window.</source>
        <translation>窗口暂停状态未保存：须有日期和窗口。</translation>
    </message>
    <message>
        <source>An inbox needs the department whose cases it lists.</source>
        <translation>待办列表须指定所属科室。</translation>
    </message>
    <message>
        <source>The print queue needs the office that prints.</source>
        <translation>打证队列须指定打证的服务窗口（机构）。</translation>
    </message>
    <message>
        <source>The certificate %1 is not in this store; its verification code was not saved.</source>
        <translation>本机数据中没有证照 %1，其验证码未保存。</translation>
    </message>
    <message>
        <source>The stock of certificate paper cannot be saved without its office.</source>
        <translation>未指明所属机构，无法保存套打纸编号段。</translation>
    </message>
    <message>
        <source>The central server sent a stock range of certificate paper that is not valid (%1: %2 to %3); nothing was saved.</source>
        <translation>中心服务器下发的套打纸编号段无效（%1：%2 至 %3），未作任何保存。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a serial number of certificate paper (a prefix followed by digits, e.g. SC0000451).</source>
        <translation>“%1”不是有效的套打纸编号（应为前缀加数字，例如 SC0000451）。</translation>
    </message>
    <message>
        <source>The certificate paper %1 was not issued to this office for this certificate; check the serial number printed on the sheet.</source>
        <translation>套打纸 %1 未下发给本机构用于此类证照，请核对纸上印制的编号。</translation>
    </message>
    <message>
        <source>The certificate paper %1 has already been used and cannot be printed on again.</source>
        <translation>套打纸编号 %1 已使用，不能再次打印。</translation>
    </message>
    <message>
        <source>The certificate paper %1 has been voided and cannot be printed on.</source>
        <translation>套打纸编号 %1 已作废，不能用于打印。</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>No central server is configured.</source>
        <translation>尚未配置中心服务器。</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>已连接 %1。</translation>
    </message>
    <message>
        <source>The central server answers, but its database is unavailable.</source>
        <translation>中心服务器有响应，但其数据库不可用。</translation>
    </message>
    <message>
        <source>%1 did not answer as a OneWindow central server (HTTP %2).</source>
        <translation>%1 的响应不是一窗通中心服务器（HTTP %2）。</translation>
    </message>
    <message>
        <source>Cannot reach %1: %2</source>
        <translation>无法连接 %1：%2</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Server degraded</source>
        <translation>服务器异常</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检测…</translation>
    </message>
    <message>
        <source>The central server did not answer in time.</source>
        <translation>中心服务器未在规定时间内响应。</translation>
    </message>
    <message>
        <source>The central server cannot be reached: %1</source>
        <translation>无法连接中心服务器：%1</translation>
    </message>
    <message>
        <source>The central server answered with HTTP status %1.</source>
        <translation>中心服务器返回 HTTP 状态码 %1。</translation>
    </message>
    <message>
        <source>The local store cannot record this workstation&apos;s device id.</source>
        <translation>本地数据库无法记录本工作站的设备标识。</translation>
    </message>
    <message>
        <source>The central server sent an incomplete answer: %1</source>
        <translation>中心服务器的应答不完整：%1</translation>
    </message>
    <message>
        <source>The central server refused the sign-in (HTTP %1).</source>
        <translation>中心服务器拒绝了登录（HTTP %1）。</translation>
    </message>
    <message>
        <source>The central server cannot be reached (%1), and %2 has not signed in on this workstation before. Sign in once while connected; after that you can also work offline.</source>
        <translation>无法连接中心服务器（%1），且 %2 从未在本工作站登录过。请先在联网状态下登录一次，之后即可离线办公。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Sync is off</source>
        <translation>同步已关闭</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>已同步</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Sync failed; trying again soon</source>
        <translation>同步失败，稍后将自动重试</translation>
    </message>
    <message>
        <source>Sign in again to sync</source>
        <translation>请重新登录以同步</translation>
    </message>
    <message>
        <source>Sync stopped: the server&apos;s history was rewritten</source>
        <translation>同步已停止：服务器的历史记录被改写</translation>
    </message>
    <message>
        <source>The store in %1 cannot be opened for sync: %2</source>
        <translation>无法为同步打开 %1 中的本地数据库：%2</translation>
    </message>
    <message>
        <source>The key of the store in %1 cannot be read from the keychain for sync: %2</source>
        <translation>无法从钥匙串读取 %1 中本地数据库的密钥以进行同步：%2</translation>
    </message>
    <message>
        <source>The server&apos;s tree head has no valid size.</source>
        <translation>服务器树头缺少有效的大小。</translation>
    </message>
    <message>
        <source>The server&apos;s tree head has no valid root hash.</source>
        <translation>服务器树头缺少有效的根哈希。</translation>
    </message>
    <message>
        <source>The server&apos;s tree head is not signed.</source>
        <translation>服务器树头未签名。</translation>
    </message>
    <message>
        <source>The central server&apos;s log key is not a valid Ed25519 public key.</source>
        <translation>中心服务器的日志密钥不是有效的 Ed25519 公钥。</translation>
    </message>
    <message>
        <source>The signature of the server&apos;s tree head (size %1) does not match the server&apos;s log key pinned at the first sync.</source>
        <translation>服务器树头（大小 %1）的签名与首次同步时固定的服务器日志密钥不符。</translation>
    </message>
    <message>
        <source>The server&apos;s log shrank or changed: the last verified tree had %1 events with root %2, the server now shows %3 events with root %4.</source>
        <translation>服务器日志被缩减或更改：上次校验的树含 %1 条事件，根哈希为 %2；服务器现显示 %3 条事件，根哈希为 %4。</translation>
    </message>
    <message>
        <source>The server&apos;s consistency proof is malformed.</source>
        <translation>服务器的一致性证明格式有误。</translation>
    </message>
    <message>
        <source>The server&apos;s log of %1 events does not extend the log of %2 events verified before: the consistency proof fails.</source>
        <translation>服务器含 %1 条事件的日志并非此前已校验的含 %2 条事件日志的延续：一致性证明未通过。</translation>
    </message>
    <message>
        <source>The server&apos;s user record lacks a valid &quot;%1&quot;.</source>
        <translation>服务器返回的用户信息缺少有效的“%1”。</translation>
    </message>
    <message>
        <source>%1: the sign-in is no longer valid (%2). Sign in again to sync.</source>
        <translation>%1：登录已失效（%2）。请重新登录后再同步。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Sync was stopped before it finished; it continues next time.</source>
        <translation>同步在完成前被中止，下次将继续。</translation>
    </message>
    <message>
        <source>Sign in to the central server to sync.</source>
        <translation>请登录中心服务器以进行同步。</translation>
    </message>
    <message>
        <source>Could not fetch the server&apos;s log key</source>
        <translation>无法获取服务器的日志密钥</translation>
    </message>
    <message>
        <source>The server&apos;s history was rewritten or cannot be checked: %1 Sync has stopped; tell the centre&apos;s IT staff.</source>
        <translation>服务器的历史记录已被改写或无法校验：%1 同步已停止，请通知中心信息技术人员。</translation>
    </message>
    <message>
        <source>The server&apos;s history was rewritten: %1 Sync has stopped; tell the centre&apos;s IT staff.</source>
        <translation>服务器的历史记录已被改写：%1 同步已停止，请通知中心信息技术人员。</translation>
    </message>
    <message>
        <source>Could not fetch the server&apos;s consistency proof</source>
        <translation>无法获取服务器的一致性证明</translation>
    </message>
    <message>
        <source>The attachment %1 is not in this store.</source>
        <translation>本数据存储中没有附件 %1。</translation>
    </message>
    <message>
        <source>Could not upload an attachment</source>
        <translation>无法上传附件</translation>
    </message>
    <message>
        <source>The event %1 in the outbox cannot be read: %2</source>
        <translation>待发送队列中的事件 %1 无法读取：%2</translation>
    </message>
    <message>
        <source>Some attachments could not be uploaded yet; the events that cite them and the later events of this workstation wait for the next sync.</source>
        <translation>部分附件暂未上传成功；引用这些附件的事件及本工作站之后的事件将在下次同步时发送。</translation>
    </message>
    <message>
        <source>Could not send the recorded events</source>
        <translation>无法上报已记录的事件</translation>
    </message>
    <message>
        <source>The central server did not answer for every event sent; sync tries again later.</source>
        <translation>中心服务器未对所发送的每条事件作出答复；稍后将重新同步。</translation>
    </message>
    <message>
        <source>Could not receive events from the central server</source>
        <translation>无法从中心服务器接收事件</translation>
    </message>
    <message>
        <source>The central server sent an event this workstation cannot read (%1); nothing of this batch was stored.</source>
        <translation>中心服务器发来了本工作站无法读取的事件（%1）；本批数据均未保存。</translation>
    </message>
    <message>
        <source>no server sequence number</source>
        <translation>缺少服务器序号</translation>
    </message>
    <message>
        <source>The central server announced more events but gave no new position to fetch them from.</source>
        <translation>中心服务器提示还有更多事件，但未给出新的拉取位置。</translation>
    </message>
    <message>
        <source>Could not fetch the server&apos;s tree head</source>
        <translation>无法获取服务器的树头</translation>
    </message>
    <message>
        <source>Could not fetch the service catalogue from the central server</source>
        <translation>无法从中心服务器获取事项目录</translation>
    </message>
    <message>
        <source>The central server&apos;s catalogue %1 is not valid: %2</source>
        <translation>中心服务器的事项目录 %1 无效：%2</translation>
    </message>
    <message>
        <source>The central server sent catalogue %1 under the name %2.</source>
        <translation>中心服务器以版本号 %2 发送了事项目录 %1。</translation>
    </message>
    <message>
        <source>The central server&apos;s list of certificate paper has no &quot;ranges&quot;.</source>
        <translation>中心服务器返回的套打纸清单缺少 &quot;ranges&quot;。</translation>
    </message>
    <message>
        <source>The central server sent a range of certificate paper that is not valid: %1</source>
        <translation>中心服务器下发的套打纸编号段无效：%1</translation>
    </message>
    <message>
        <source>Could not fetch the certificate paper issued to this office</source>
        <translation>无法获取下发给本机构的套打纸编号段</translation>
    </message>
    <message>
        <source>Could not fetch the verification code of certificate %1</source>
        <translation>未能获取证照 %1 的核验码</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Synchronisation with the central server</source>
        <translation>与中心服务器同步</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>立即同步(&amp;Y)</translation>
    </message>
    <message>
        <source>Send waiting work and fetch new cases now (F5)</source>
        <translation>立即发送待发数据并获取新办件（F5）</translation>
    </message>
    <message>
        <source>Sign &amp;in to sync…</source>
        <translation>登录以同步(&amp;I)…</translation>
    </message>
    <message>
        <source>You signed in offline: enter your password again so that work can be sent</source>
        <translation>您是离线登录的：请再次输入密码以便发送业务数据</translation>
    </message>
    <message>
        <source>Last sync:</source>
        <translation>上次同步：</translation>
    </message>
    <message>
        <source>Progress:</source>
        <translation>进度：</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>被服务器退回</translation>
    </message>
    <message>
        <source>The central server refused these events; the cases show their state without them. Check each case and record what is right.</source>
        <translation>中心服务器退回了以下记录；相关办件显示的是不含这些记录的状态。请逐件核查并重新录入正确的办理结果。</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>History</source>
        <translation>同步记录</translation>
    </message>
</context>
<context>
    <name>ToolsPage</name>
    <message>
        <source>Check an identity number</source>
        <translation>证件号码校验</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>证件类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>号码(&amp;N)：</translation>
    </message>
    <message>
        <source>Time limit in working days</source>
        <translation>办理时限（工作日）计算</translation>
    </message>
    <message>
        <source>&amp;Accepted on:</source>
        <translation>受理日期(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Working days:</source>
        <translation>工作日数(&amp;W)：</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证照</translation>
    </message>
    <message>
        <source>&amp;Verify a certificate…</source>
        <translation>验证证照(&amp;V)…</translation>
    </message>
    <message>
        <source>Check a certificate&apos;s QR code: genuine or forged, offline</source>
        <translation>离线核验证照二维码的真伪</translation>
    </message>
    <message>
        <source>Printer &amp;calibration…</source>
        <translation>打印机校准(&amp;C)…</translation>
    </message>
    <message>
        <source>Correct where a printer puts certificate fields, measured on the calibration sheet</source>
        <translation>依据校准页的测量结果，校正打印机的打印位置</translation>
    </message>
</context>
<context>
    <name>Ui</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>Checking the central server…</source>
        <translation>正在检测中心服务器…</translation>
    </message>
    <message>
        <source>You can still sign in and work offline; your work is synced when the connection returns.</source>
        <translation>仍可登录并离线办理；网络恢复后自动同步。</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>Enter the address of the central server, for example http://127.0.0.1:8470.</source>
        <translation>请输入中心服务器地址，例如 http://127.0.0.1:8470。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address; use the form http://host:port.</source>
        <translation>“%1”不是服务器地址；请使用 http://主机:端口 的形式。</translation>
    </message>
    <message>
        <source>OneWindow — %1</source>
        <translation>一窗通 — %1</translation>
    </message>
    <message>
        <source>Operator: %1</source>
        <translation>操作员：%1</translation>
    </message>
    <message numerus="yes">
        <source>Waiting to sync: %n</source>
        <translation>
            <numerusform>待同步：%n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Events recorded here that the central server has not received yet.</source>
        <translation>本机已记录、中心服务器尚未收到的事件。</translation>
    </message>
    <message>
        <source>About OneWindow</source>
        <translation>关于一窗通</translation>
    </message>
    <message>
        <source>&lt;h3&gt;OneWindow %1&lt;/h3&gt;&lt;p&gt;The workstation of the comprehensive government service centre: one window accepts any service item, the back office reviews by department, one window hands out results.&lt;/p&gt;&lt;p&gt;Cases are kept in an encrypted local store and synced with the central server, so township and village offices keep serving residents when the network is down.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;一窗通 %1&lt;/h3&gt;&lt;p&gt;政务服务中心综合窗口工作台：一窗受理各类事项，后台按部门分类审批，统一窗口出件。&lt;/p&gt;&lt;p&gt;办件保存在本地加密数据库中并与中心服务器同步，乡镇（街道）和村（社区）便民服务点断网时照常为群众办事。&lt;/p&gt;&lt;p&gt;基于 Qt %2 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Welcome, %1</source>
        <translation>欢迎，%1</translation>
    </message>
    <message>
        <source>Not opened</source>
        <translation>未打开</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Resident ID card number</source>
        <translation>居民身份证号码</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Valid: %1&lt;br&gt;Born %2, %3, issued in %4 (%5)</source>
        <translation>有效：%1&lt;br&gt;出生日期 %2，%3，签发地 %4（%5）</translation>
    </message>
    <message>
        <source>Upgraded from the 15-digit number %1.</source>
        <translation>由 15 位号码 %1 升位而来。</translation>
    </message>
    <message>
        <source>Valid: %1&lt;br&gt;Registered with %2 as %3; region %4, organisation code %5</source>
        <translation>有效：%1&lt;br&gt;登记管理部门：%2，机构类别：%3；行政区划 %4，主体标识码 %5</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Desk tools</source>
        <translation>办事工具</translation>
    </message>
    <message>
        <source>OneWindow comprehensive service workstation</source>
        <translation>一窗通综合窗口工作台</translation>
    </message>
    <message>
        <source>User interface language.</source>
        <translation>界面语言。</translation>
    </message>
    <message>
        <source>Address of the central server.</source>
        <translation>中心服务器地址。</translation>
    </message>
    <message>
        <source>Folder of the local store.</source>
        <translation>本地数据库所在目录。</translation>
    </message>
    <message>
        <source>User name to pre-fill.</source>
        <translation>预填的用户名。</translation>
    </message>
    <message>
        <source>Unknown language &quot;%1&quot;; available: %2.</source>
        <translation>未知语言“%1”；可选：%2。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>This workstation has no local store yet, and the centre&apos;s recovery key %1 cannot be read (%2). The store&apos;s key must be escrowed for the centre so that a reset keyring never loses unsynced cases: ask the centre&apos;s IT to install the recovery public key, or start OneWindow with --recovery-public-key FILE.</source>
        <translation>本工作台尚无本地数据库，且无法读取中心的恢复公钥 %1（%2）。数据库密钥必须托管给中心，以免密钥环被重置时丢失尚未同步的办件：请联系中心信息化人员安装恢复公钥，或以 --recovery-public-key 文件 参数启动一窗通。</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation>无法创建数据目录 %1。</translation>
    </message>
    <message>
        <source>The local store cannot be opened</source>
        <translation>无法打开本地数据库</translation>
    </message>
    <message>
        <source>Local store</source>
        <translation>本地数据库</translation>
    </message>
    <message>
        <source>%1 (encrypted; key in the keychain: %2)</source>
        <translation>%1（已加密；密钥保存在密钥环：%2）</translation>
    </message>
    <message>
        <source>The centre&apos;s recovery public key, for a local store made on first use.</source>
        <translation>中心的恢复公钥，用于首次使用时创建本地数据库。</translation>
    </message>
    <message numerus="yes">
        <source>Ends on %1, %n calendar day(s) after acceptance.</source>
        <translation>
            <numerusform>截止日期：%1，自受理日起 %n 个自然日。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Smart approval: %1</source>
        <translation>智能审批：%1</translation>
    </message>
    <message>
        <source>%1 %2: %3 (%4)</source>
        <translation>%1 %2：%3（%4）</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>mobile or landline with area code</source>
        <translation>手机号码或带区号的固定电话</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（请选择）</translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>%1 is required.</source>
        <translation>%1为必填项。</translation>
    </message>
    <message>
        <source>%1 may have at most %2 characters.</source>
        <translation>%1最多%2个字。</translation>
    </message>
    <message>
        <source>%1 must be an 11-digit mobile number or a landline number with its area code.</source>
        <translation>%1应为11位手机号码或带区号的固定电话。</translation>
    </message>
    <message>
        <source>%1 must be a date written like 2026-01-31.</source>
        <translation>%1应为日期，格式如2026-01-31。</translation>
    </message>
    <message>
        <source>%1 must be a number.</source>
        <translation>%1应为数字。</translation>
    </message>
    <message>
        <source>%1 must be at least %2.</source>
        <translation>%1不得小于%2。</translation>
    </message>
    <message>
        <source>%1 must be at most %2.</source>
        <translation>%1不得大于%2。</translation>
    </message>
    <message>
        <source>%1 is not in the expected format.</source>
        <translation>%1格式不正确。</translation>
    </message>
    <message>
        <source>Preview: %1</source>
        <translation>预览：%1</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已保存为%1</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>PREVIEW — NOT VALID</source>
        <translation>预览 — 无效</translation>
    </message>
    <message>
        <source>Printing failed</source>
        <translation>打印失败</translation>
    </message>
    <message>
        <source>Identify the applicant first: a valid ID number is needed.</source>
        <translation>请先核验申请人身份：需要有效的证件号码。</translation>
    </message>
    <message>
        <source>Enter the applicant&apos;s name.</source>
        <translation>请输入申请人名称或姓名。</translation>
    </message>
    <message>
        <source>Enter the legal entity&apos;s legal representative.</source>
        <translation>请输入法人的法定代表人。</translation>
    </message>
    <message>
        <source>Choose a service item or bundle first.</source>
        <translation>请先选择办理事项或“一件事”。</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>未能记录：%1</translation>
    </message>
    <message>
        <source>No case number can be made: %1</source>
        <translation>无法生成办件编号：%1</translation>
    </message>
    <message>
        <source>Required materials not received: %1. Tick them when handed in, or issue a one-time notice of missing materials.</source>
        <translation>尚未收到必需材料：%1。收到后请勾选，或出具一次性告知书。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message numerus="yes">
        <source>The form has %n problem(s); first: %1</source>
        <translation>
            <numerusform>申请表有%n处问题，第一处：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Accepted as case %1; the result is promised by %2.</source>
        <translation>已受理，办件编号%1；承诺于%2前办结。</translation>
    </message>
    <message>
        <source>Approved at once by smart approval.</source>
        <translation>已通过智能审批即时办结（秒批）。</translation>
    </message>
    <message>
        <source>Smart approval could not be recorded: %1</source>
        <translation>智能审批结果无法记录：%1</translation>
    </message>
    <message>
        <source>Every required material was received: accept the application instead.</source>
        <translation>必需材料均已收齐，请直接受理。</translation>
    </message>
    <message>
        <source>%1 (%2, copies: %3)</source>
        <translation>%1（%2，%3份）</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1——%2</translation>
    </message>
    <message numerus="yes">
        <source>One-time notice issued for case %1: %n material(s) missing.</source>
        <translation>
            <numerusform>已为办件%1出具一次性告知书：缺少%n项材料。</numerusform>
        </translation>
    </message>
    <message>
        <source>State why the application is not accepted.</source>
        <translation>请说明不予受理的理由。</translation>
    </message>
    <message>
        <source>A refusal must cite its legal basis: enter the law and article it rests on. Nothing was recorded.</source>
        <translation>不予受理必须有法律依据：请填写所依据的法律法规及条款。未作任何记录。</translation>
    </message>
    <message>
        <source>Refusal recorded as case %1.</source>
        <translation>已记录不予受理，办件编号%1。</translation>
    </message>
    <message>
        <source>The folder %1 for notices cannot be created.</source>
        <translation>无法创建存放通知书的文件夹%1。</translation>
    </message>
    <message>
        <source>Enter the applicant&apos;s ID number.</source>
        <translation>请输入申请人证件号码。</translation>
    </message>
    <message>
        <source>%1, born %2, %3</source>
        <translation>%1，%2出生，%3</translation>
    </message>
    <message>
        <source>Not a valid number: %1</source>
        <translation>号码无效：%1</translation>
    </message>
    <message>
        <source>No earlier cases.</source>
        <translation>无历史办件。</translation>
    </message>
    <message>
        <source>%1 (case %2)</source>
        <translation>%1（办件%2）</translation>
    </message>
    <message>
        <source>None known.</source>
        <translation>暂无记录。</translation>
    </message>
    <message>
        <source>The ID card expired on %1.</source>
        <translation>该身份证已于%1过期。</translation>
    </message>
    <message>
        <source>[Bundle] %1 (%2)</source>
        <translation>【一件事】%1（%2）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not in the catalogue %2.</source>
        <translation>“%1”不在事项目录%2中。</translation>
    </message>
    <message>
        <source>handled on the spot</source>
        <translation>即办</translation>
    </message>
    <message numerus="yes">
        <source>promised within %n working day(s)</source>
        <translation>
            <numerusform>承诺%n个工作日内办结</numerusform>
        </translation>
    </message>
    <message>
        <source>required</source>
        <translation>必需</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>A %1 the applicant holds can stand in for it.</source>
        <translation>申请人已持有的%1可免于提交。</translation>
    </message>
    <message>
        <source>The draft could not be saved: %1</source>
        <translation>草稿无法保存：%1</translation>
    </message>
    <message>
        <source>The unfinished application was restored.</source>
        <translation>已恢复未完成的申请。</translation>
    </message>
    <message>
        <source>Nothing chosen yet.</source>
        <translation>尚未选择事项。</translation>
    </message>
    <message>
        <source>The draft could not be removed: %1</source>
        <translation>草稿无法删除：%1</translation>
    </message>
    <message>
        <source>The ID card could not be read: %1</source>
        <translation>无法读取身份证：%1</translation>
    </message>
    <message>
        <source>Materials (tick what was received)</source>
        <translation>申请材料（收到的请勾选）</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料名称</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>是否必需</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>材料形式</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>所属事项</translation>
    </message>
    <message>
        <source>Unified application form</source>
        <translation>统一申请表</translation>
    </message>
    <message>
        <source>Applicant&apos;s earlier cases</source>
        <translation>申请人历史办件</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>办件编号</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Licences held (issued through this office):</source>
        <translation>已持有证照（经本机构办理）：</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Natural person (resident ID card)</source>
        <translation>自然人（居民身份证）</translation>
    </message>
    <message>
        <source>Legal entity (unified social credit code)</source>
        <translation>法人（统一社会信用代码）</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>申请人类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Read ID card</source>
        <translation>读取身份证(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;ID number:</source>
        <translation>证件号码(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称/姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Legal &amp;representative:</source>
        <translation>法定代表人(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>联系电话(&amp;P)：</translation>
    </message>
    <message>
        <source>18-character unified social credit code</source>
        <translation>18位统一社会信用代码</translation>
    </message>
    <message>
        <source>18-digit resident ID number; last may be X</source>
        <translation>18位公民身份号码，末位可为X</translation>
    </message>
    <message>
        <source>Reading the ID card…</source>
        <translation>正在读取身份证…</translation>
    </message>
    <message>
        <source>Service item or bundle</source>
        <translation>办理事项或“一件事”</translation>
    </message>
    <message>
        <source>Name, code or pinyin initials, e.g. spjy</source>
        <translation>事项名称、编码或拼音首字母，如 spjy</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>受理决定</translation>
    </message>
    <message>
        <source>Handled on behalf of the applicant (agency service)</source>
        <translation>代办（代申请人办理）</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>受理(&amp;A)</translation>
    </message>
    <message>
        <source>Accept the application and print the notice of acceptance (Ctrl+Enter)</source>
        <translation>受理申请并打印受理通知书（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>&amp;One-time notice of missing materials</source>
        <translation>一次性告知(&amp;O)</translation>
    </message>
    <message>
        <source>Reason for refusal:</source>
        <translation>不予受理理由：</translation>
    </message>
    <message>
        <source>Law and article, e.g. 《中华人民共和国行政许可法》第三十二条</source>
        <translation>法律法规及条款，如《中华人民共和国行政许可法》第三十二条</translation>
    </message>
    <message>
        <source>Legal basis:</source>
        <translation>法律依据：</translation>
    </message>
    <message>
        <source>Re&amp;fuse to accept</source>
        <translation>不予受理(&amp;F)</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Signed in offline with the credential cached at the last online sign-in; work is synced when the server can be reached.</source>
        <translation>已使用上次在线登录时缓存的凭据离线登录；连接到服务器后将同步业务数据。</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>办件</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事项环节</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>退回时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据量</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>No central server is configured; work stays on this workstation.</source>
        <translation>未配置中心服务器；业务数据仅保存在本工作站。</translation>
    </message>
    <message>
        <source>%1 (next attempt at %2)</source>
        <translation>%1（下次尝试：%2）</translation>
    </message>
    <message>
        <source>%1 — sign in again to send your work.</source>
        <translation>%1——请重新登录以发送您的工作。</translation>
    </message>
    <message>
        <source>Uploading attachments</source>
        <translation>正在上传附件</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>正在发送</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>正在接收</translation>
    </message>
    <message>
        <source>Checking the server&apos;s log</source>
        <translation>正在核验服务器日志</translation>
    </message>
    <message>
        <source>%1: %2 sent, %3 received, %4 refused; %5 up, %6 down</source>
        <translation>%1：已发送 %2 条，已接收 %3 条，被退回 %4 条；上传 %5，下载 %6</translation>
    </message>
    <message>
        <source>Waiting to send (%1)</source>
        <translation>待发送（%1）</translation>
    </message>
    <message>
        <source>Refused by the server (%1)</source>
        <translation>被服务器退回（%1）</translation>
    </message>
    <message>
        <source>Cannot be sent</source>
        <translation>无法发送</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待发送</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>%1, failed: %2</source>
        <translation>%1，失败：%2</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未同步</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>Syncing: %1 sent, %2 received</source>
        <translation>正在同步：已发送 %1 条，已接收 %2 条</translation>
    </message>
    <message>
        <source>Synced at %1</source>
        <translation>%1 已同步</translation>
    </message>
    <message>
        <source>Sync failed at %1</source>
        <translation>%1 同步失败</translation>
    </message>
    <message>
        <source>The central server refused an event of case %1: %2</source>
        <translation>中心服务器退回了办件 %1 的一条记录：%2</translation>
    </message>
    <message>
        <source>Sync cannot open the local store</source>
        <translation>同步无法打开本地数据库</translation>
    </message>
    <message numerus="yes">
        <source>Sync (%n refused)</source>
        <translation>
            <numerusform>同步（%n 条被退回）</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline sign-in: sign in again to sync</source>
        <translation>离线登录：请重新登录以同步</translation>
    </message>
    <message>
        <source>Sign in to sync</source>
        <translation>登录以同步</translation>
    </message>
    <message>
        <source>Password of %1 for the central server %2:</source>
        <translation>%1 在中心服务器 %2 的密码：</translation>
    </message>
    <message>
        <source>The central server cannot be reached; try again when the connection returns.</source>
        <translation>无法连接中心服务器；请在网络恢复后重试。</translation>
    </message>
    <message>
        <source>Intake</source>
        <translation>综合受理</translation>
    </message>
    <message>
        <source>The case number %1 is not valid: %2</source>
        <translation>办件编号 %1 无效：%2</translation>
    </message>
    <message>
        <source>The ID number %1 is not valid: %2</source>
        <translation>身份证号码 %1 无效：%2</translation>
    </message>
    <message>
        <source>The unified social credit code %1 is not valid: %2</source>
        <translation>统一社会信用代码 %1 无效：%2</translation>
    </message>
    <message>
        <source>Enter a case number, an ID number or a unified social credit code, or scan the QR code of the acceptance notice.</source>
        <translation>请输入办件编号、身份证号码或统一社会信用代码，或扫描受理通知书上的二维码。</translation>
    </message>
    <message>
        <source>Ready to hand out</source>
        <translation>可出件</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Decision not to grant the licence</source>
        <translation>不予行政许可决定书</translation>
    </message>
    <message>
        <source>Decision of approval: %1</source>
        <translation>准予决定书：%1</translation>
    </message>
    <message>
        <source>The case has no recorded events.</source>
        <translation>该办件没有任何记录。</translation>
    </message>
    <message>
        <source>Registered but not yet accepted.</source>
        <translation>已登记，尚未受理。</translation>
    </message>
    <message>
        <source>Accepted, not yet sent for review.</source>
        <translation>已受理，尚未分送审批。</translation>
    </message>
    <message>
        <source>Accepted, not yet sent for review; due %1.</source>
        <translation>已受理，尚未分送审批；办结期限 %1。</translation>
    </message>
    <message>
        <source>Waiting for the materials listed in the one-time notice.</source>
        <translation>等待申请人补齐一次性告知书所列材料。</translation>
    </message>
    <message>
        <source>Under review at %1.</source>
        <translation>%1 审查中。</translation>
    </message>
    <message>
        <source>Under review at %1, due %2.</source>
        <translation>%1 审查中，办结期限 %2。</translation>
    </message>
    <message>
        <source>%1 asked for supplementary materials; the time limit is paused.</source>
        <translation>%1 已要求补正材料，办理时限暂停计算。</translation>
    </message>
    <message>
        <source>Review suspended at %1; the time limit is paused.</source>
        <translation>%1 已中止审查，办理时限暂停计算。</translation>
    </message>
    <message>
        <source>Approved; the certificate has not been produced yet.</source>
        <translation>已准予许可，证照尚未制证。</translation>
    </message>
    <message>
        <source>Not accepted at the window: there is no result to hand out.</source>
        <translation>窗口不予受理，没有可出件的结果。</translation>
    </message>
    <message>
        <source>Already handed out on %1.</source>
        <translation>已于 %1 出件。</translation>
    </message>
    <message>
        <source>Withdrawn by the applicant.</source>
        <translation>申请人已撤回申请。</translation>
    </message>
    <message>
        <source>The case was terminated.</source>
        <translation>该办件已终止。</translation>
    </message>
    <message>
        <source>Your role cannot hand out results.</source>
        <translation>您的角色不能办理出件。</translation>
    </message>
    <message>
        <source>To hand out: %1</source>
        <translation>出件文书：%1</translation>
    </message>
    <message>
        <source>Service item</source>
        <translation>办理事项</translation>
    </message>
    <message>
        <source>Hand-out</source>
        <translation>出件</translation>
    </message>
    <message>
        <source>Enter the name of the delegate collecting the result. Nothing was recorded.</source>
        <translation>请输入代领结果的受托人姓名。未作任何记录。</translation>
    </message>
    <message>
        <source>Enter the delegate&apos;s ID number and check their ID card. Nothing was recorded.</source>
        <translation>请输入受托人的身份证号码并核验其身份证。未作任何记录。</translation>
    </message>
    <message>
        <source>The delegate&apos;s ID number is not valid: %1. Nothing was recorded.</source>
        <translation>受托人身份证号码无效：%1。未作任何记录。</translation>
    </message>
    <message>
        <source>Enter the mailing address. Nothing was recorded.</source>
        <translation>请输入邮寄地址。未作任何记录。</translation>
    </message>
    <message>
        <source>Choose the postal carrier. Nothing was recorded.</source>
        <translation>请选择寄递企业。未作任何记录。</translation>
    </message>
    <message>
        <source>A delivery by mail needs the carrier&apos;s tracking number. Nothing was recorded.</source>
        <translation>邮寄送达须填写寄递企业的邮件单号。未作任何记录。</translation>
    </message>
    <message>
        <source>The tracking number %1 is not valid: enter the letters and digits printed on the waybill. Nothing was recorded.</source>
        <translation>邮件单号 %1 无效：请输入面单上印的字母和数字。未作任何记录。</translation>
    </message>
    <message>
        <source>Find the case and choose it in the list first.</source>
        <translation>请先查找办件并在列表中选中。</translation>
    </message>
    <message>
        <source>Case %1 cannot be handed out: %2 Nothing was recorded.</source>
        <translation>办件 %1 不能出件：%2未作任何记录。</translation>
    </message>
    <message>
        <source>Case %1 handed out: %2.</source>
        <translation>办件 %1 已出件：%2。</translation>
    </message>
    <message>
        <source>China Post EMS</source>
        <translation>中国邮政EMS</translation>
    </message>
    <message>
        <source>China Post registered mail</source>
        <translation>中国邮政挂号信</translation>
    </message>
    <message>
        <source>SF Express</source>
        <translation>顺丰速运</translation>
    </message>
    <message>
        <source>JD Logistics</source>
        <translation>京东物流</translation>
    </message>
    <message>
        <source>Record the delivery and print the receipt (Ctrl+Enter)</source>
        <translation>登记送达并打印送达回证（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>The local store cannot be read: %1</source>
        <translation>无法读取本地数据库：%1</translation>
    </message>
    <message>
        <source>No case %1 in this workstation&apos;s store.</source>
        <translation>本工作站中没有办件 %1。</translation>
    </message>
    <message>
        <source>No case of the applicant %1 in this workstation&apos;s store.</source>
        <translation>本工作站中没有申请人 %1 的办件。</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) found, %1 ready to hand out.</source>
        <translation>
            <numerusform>找到 %n 件，其中 %1 件可出件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready to hand out: %1</source>
        <translation>可出件：%1</translation>
    </message>
    <message>
        <source>Cannot be handed out yet: %1</source>
        <translation>暂不能出件：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2, %n page(s))</source>
        <translation>
            <numerusform>%1（%2，%n 页）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is not a file that can be read.</source>
        <translation>%1 不是可读取的文件。</translation>
    </message>
    <message>
        <source>%1 is %2; an attachment can be at most %3. Scan it at a lower resolution or split it into several files. Nothing was attached.</source>
        <translation>%1 大小为 %2，单个附件不能超过 %3。请降低扫描分辨率或拆分为多个文件。未添加任何附件。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 无法读取：%2</translation>
    </message>
    <message>
        <source>%1 is not a PNG or JPEG image or a PDF document; only those can be attached. Nothing was attached.</source>
        <translation>%1 不是 PNG、JPEG 图片或 PDF 文档，只能添加这几类文件。未添加任何附件。</translation>
    </message>
    <message>
        <source>%1 is damaged or cannot be opened. Nothing was attached.</source>
        <translation>%1 已损坏或无法打开。未添加任何附件。</translation>
    </message>
    <message>
        <source>%1 could not be stored: %2</source>
        <translation>%1 无法保存：%2</translation>
    </message>
    <message>
        <source>Attachment: %1</source>
        <translation>附件：%1</translation>
    </message>
    <message>
        <source>This file cannot be shown.</source>
        <translation>无法显示此文件。</translation>
    </message>
    <message>
        <source>The file is not in this store: %1</source>
        <translation>本机数据库中没有此文件：%1</translation>
    </message>
    <message>
        <source>— the first page is shown.</source>
        <translation>（显示第一页）</translation>
    </message>
    <message>
        <source>Sent to %1 for review.</source>
        <translation>已分送 %1 审批。</translation>
    </message>
    <message>
        <source>The case could not be sent for review: %1</source>
        <translation>办件未能分送审批：%1</translation>
    </message>
    <message>
        <source>%1 (shared licence No. %2)</source>
        <translation>%1（共享证照，编号 %2）</translation>
    </message>
    <message>
        <source>%1 No. %2 (case %3)</source>
        <translation>%1，编号 %2（办件%3）</translation>
    </message>
    <message>
        <source>Shared licence: %1, %2</source>
        <translation>共享证照：%1，%2</translation>
    </message>
    <message>
        <source>Provided by the shared electronic licence %1 No. %2 (case %3); no paper copy is needed.</source>
        <translation>由共享电子证照%1（编号 %2，办件%3）提供，免于提交纸质材料。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a material above to attach files to it.</source>
        <translation>在上方选择材料后可为其添加附件。</translation>
    </message>
    <message>
        <source>Files of &quot;%1&quot;: none.</source>
        <translation>“%1”的附件：无。</translation>
    </message>
    <message>
        <source>Files of &quot;%1&quot;:</source>
        <translation>“%1”的附件：</translation>
    </message>
    <message>
        <source>Choose the material the files belong to first.</source>
        <translation>请先选择文件所属的材料。</translation>
    </message>
    <message>
        <source>Attach files to %1</source>
        <translation>为“%1”添加附件</translation>
    </message>
    <message>
        <source>Scans and PDF documents (*.png *.jpg *.jpeg *.pdf)</source>
        <translation>扫描件和 PDF 文档 (*.png *.jpg *.jpeg *.pdf)</translation>
    </message>
    <message>
        <source>%1 is already attached to this material.</source>
        <translation>%1 已添加到该材料。</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) attached.</source>
        <translation>
            <numerusform>已添加 %n 个文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 was removed from the material.</source>
        <translation>已将 %1 从该材料中移除。</translation>
    </message>
    <message>
        <source>Provided as</source>
        <translation>提交方式</translation>
    </message>
    <message>
        <source>Space ticks a material; Insert attaches files to it.</source>
        <translation>空格键勾选材料；Insert 键为其添加附件。</translation>
    </message>
    <message>
        <source>Files attached to the material</source>
        <translation>该材料的附件</translation>
    </message>
    <message>
        <source>Enter previews the file; Delete removes it from the material.</source>
        <translation>回车键预览文件；Delete 键将其从该材料中移除。</translation>
    </message>
    <message>
        <source>A&amp;dd file…</source>
        <translation>添加文件(&amp;D)…</translation>
    </message>
    <message>
        <source>Attach scans or photos (PNG, JPEG) or PDF files to the material (Insert)</source>
        <translation>为该材料添加扫描件、照片（PNG、JPEG）或 PDF 文件（Insert）</translation>
    </message>
    <message>
        <source>Re&amp;move file</source>
        <translation>移除文件(&amp;M)</translation>
    </message>
    <message>
        <source>Previe&amp;w</source>
        <translation>预览(&amp;W)</translation>
    </message>
    <message>
        <source>OneWindow ticket kiosk</source>
        <translation>一窗通取号机</translation>
    </message>
    <message>
        <source>Take a ticket</source>
        <translation>欢迎取号</translation>
    </message>
    <message>
        <source>Green channel: choose first if it applies to you</source>
        <translation>绿色通道：符合条件的请先选择</translation>
    </message>
    <message>
        <source>Appointment check-in</source>
        <translation>预约取号</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>Save ticket as PDF</source>
        <translation>将号票保存为 PDF</translation>
    </message>
    <message>
        <source>Print ticket</source>
        <translation>打印号票</translation>
    </message>
    <message>
        <source>Touch the service you came for.</source>
        <translation>请点击您要办理的业务。</translation>
    </message>
    <message>
        <source>No ticket could be issued: %1 Please ask the staff at the information desk.</source>
        <translation>未能取号：%1 请向咨询台工作人员求助。</translation>
    </message>
    <message>
        <source> · green channel (%1)</source>
        <translation> · 绿色通道（%1）</translation>
    </message>
    <message>
        <source>You are next.</source>
        <translation>下一位就是您。</translation>
    </message>
    <message numerus="yes">
        <source>%n people waiting ahead of you.</source>
        <translation>
            <numerusform>您前面还有 %n 人等候。</numerusform>
        </translation>
    </message>
    <message>
        <source>Please wait until your number is shown and called.</source>
        <translation>请留意叫号屏显示和语音呼叫。</translation>
    </message>
    <message>
        <source>Queue ticket</source>
        <translation>排队号票</translation>
    </message>
    <message>
        <source>Please keep this ticket; a missed number can be called back at the window.</source>
        <translation>请妥善保管号票；过号可到窗口申请回呼。</translation>
    </message>
    <message>
        <source>Ticket %1 printed.</source>
        <translation>%1 号票已打印。</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Ticket saved as %1.</source>
        <translation>号票已保存为 %1。</translation>
    </message>
    <message>
        <source>No ticket has been issued yet.</source>
        <translation>尚未取号。</translation>
    </message>
    <message>
        <source>Queue ticket %1</source>
        <translation>排队号票 %1</translation>
    </message>
    <message>
        <source>The file %1 cannot be written.</source>
        <translation>无法写入文件 %1。</translation>
    </message>
    <message>
        <source>The queue setting &quot;%1&quot; is not a list; the default is used.</source>
        <translation>排队设置“%1”不是有效列表，已改用默认设置。</translation>
    </message>
    <message>
        <source>General intake</source>
        <translation>综合受理</translation>
    </message>
    <message>
        <source>Business services</source>
        <translation>企业服务</translation>
    </message>
    <message>
        <source>Result collection</source>
        <translation>出件领证</translation>
    </message>
    <message>
        <source>Enquiries</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Window %1</source>
        <translation>%1号窗口</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>To &amp;window:</source>
        <translation>转到窗口(&amp;W)：</translation>
    </message>
    <message>
        <source>To &amp;category:</source>
        <translation>转到业务类别(&amp;C)：</translation>
    </message>
    <message>
        <source>Transfer ticket %1</source>
        <translation>转移 %1 号</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Ticket %1 waits again at the chosen window (called there first) or in the chosen category (keeping its place).</source>
        <translation>%1 号将在所选窗口重新等候（该窗口优先呼叫），或转入所选业务类别并保留原排队位置。</translation>
    </message>
    <message>
        <source>&amp;Transfer</source>
        <translation>转移(&amp;T)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>What went wrong? (optional, for the supervisor)</source>
        <translation>哪里不满意？（选填，供监督人员查看）</translation>
    </message>
    <message>
        <source>Service evaluation for ticket %1</source>
        <translation>%1 号服务评价</translation>
    </message>
    <message>
        <source>Please ask the resident to rate the service of ticket %1:</source>
        <translation>请办事群众对 %1 号的服务作出评价：</translation>
    </message>
    <message>
        <source>e.g. waited too long, asked to come back twice</source>
        <translation>例如：等候时间过长、让群众多次往返</translation>
    </message>
    <message>
        <source>&amp;Record evaluation</source>
        <translation>记录评价(&amp;R)</translation>
    </message>
    <message>
        <source>The resident &amp;declined</source>
        <translation>群众不评价(&amp;D)</translation>
    </message>
    <message>
        <source>%1 please go to %2</source>
        <translation>请 %1 到%2办理</translation>
    </message>
    <message>
        <source>OneWindow queue display</source>
        <translation>一窗通叫号屏</translation>
    </message>
    <message>
        <source>Now calling</source>
        <translation>正在呼叫</translation>
    </message>
    <message>
        <source>Called before</source>
        <translation>已呼叫</translation>
    </message>
    <message>
        <source>Waiting in line</source>
        <translation>排队等候</translation>
    </message>
    <message>
        <source>The queue cannot be read: %1</source>
        <translation>无法读取排队信息：%1</translation>
    </message>
    <message>
        <source>Please wait for your number</source>
        <translation>请耐心等候叫号</translation>
    </message>
    <message>
        <source>please go to %1</source>
        <translation>请到%1办理</translation>
    </message>
    <message>
        <source>%1 %2: &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>%1 %2：&lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The queue cannot be read from the local store: %1</source>
        <translation>无法从本地库读取排队信息：%1</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Calling %1 to %2.</source>
        <translation>正在呼叫 %1 到%2。</translation>
    </message>
    <message>
        <source>Type the ticket number to call, e.g. A012.</source>
        <translation>请输入要呼叫的号码，例如 A012。</translation>
    </message>
    <message>
        <source>No ticket is parked.</source>
        <translation>没有挂起的号码。</translation>
    </message>
    <message>
        <source>Calling %1 again (call %2).</source>
        <translation>重呼 %1（第 %2 次呼叫）。</translation>
    </message>
    <message>
        <source>Serving %1; waited %2.</source>
        <translation>正在办理 %1；已等候 %2。</translation>
    </message>
    <message>
        <source>Service of %1 finished after %2.</source>
        <translation>%1 办理完毕，用时 %2。</translation>
    </message>
    <message>
        <source>%1 given up as a no-show.</source>
        <translation>%1 过号未到，已弃号。</translation>
    </message>
    <message>
        <source>%1 parked; call it back when the resident returns (F10).</source>
        <translation>%1 已挂起；群众返回后请回呼（F10）。</translation>
    </message>
    <message>
        <source>Window %1 has no ticket to transfer.</source>
        <translation>%1号窗口没有可转移的号码。</translation>
    </message>
    <message>
        <source>Ticket %1 is no longer at this window.</source>
        <translation>%1 号已不在本窗口。</translation>
    </message>
    <message>
        <source>%1 transferred to %2.</source>
        <translation>%1 已转移到%2。</translation>
    </message>
    <message>
        <source>%1 transferred to the category %2.</source>
        <translation>%1 已转入“%2”业务类别。</translation>
    </message>
    <message>
        <source>%1 is paused: it calls nobody until resumed (F9).</source>
        <translation>%1已暂停：恢复（F9）之前不再叫号。</translation>
    </message>
    <message>
        <source>%1 is open again.</source>
        <translation>%1已恢复叫号。</translation>
    </message>
    <message>
        <source>Service of %1 finished; the resident did not evaluate it.</source>
        <translation>%1 办理完毕；群众未作评价。</translation>
    </message>
    <message>
        <source>Evaluation of %1 recorded: %2.</source>
        <translation>已记录 %1 的评价：%2。</translation>
    </message>
    <message>
        <source>The case is not in this workstation&apos;s store; the evaluation stays with the ticket.</source>
        <translation>本机本地库中没有该办件；评价仅保存在号票上。</translation>
    </message>
    <message>
        <source>Case %1 is %2 and takes an evaluation only after its result is delivered or it is refused; the evaluation stays with the ticket.</source>
        <translation>办件 %1 当前为“%2”，须在结果送达或不予受理后才能评价；评价仅保存在号票上。</translation>
    </message>
    <message>
        <source>Not recorded on case %1: %2; the evaluation stays with the ticket.</source>
        <translation>未记入办件 %1：%2；评价仅保存在号票上。</translation>
    </message>
    <message>
        <source>Also recorded on case %1.</source>
        <translation>已同时记入办件 %1。</translation>
    </message>
    <message>
        <source>This workstation now calls for %1.</source>
        <translation>本机现为%1叫号。</translation>
    </message>
    <message>
        <source>Transferred from %1</source>
        <translation>由%1转来</translation>
    </message>
    <message numerus="yes">
        <source>Waiting for this window (green channel first): %n</source>
        <translation>
            <numerusform>本窗口等候（绿色通道优先）：%n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>No ticket at this window. Call the next one with F2.</source>
        <translation>本窗口当前无号。按 F2 呼叫下一号。</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message numerus="yes">
        <source>Waited %1 before the first call; called %n time(s).</source>
        <translation>
            <numerusform>首次呼叫前等候 %1；已呼叫 %n 次。</numerusform>
        </translation>
    </message>
    <message>
        <source>Serving for %1.</source>
        <translation>已办理 %1。</translation>
    </message>
    <message>
        <source>Called %1 ago.</source>
        <translation>%1前呼叫。</translation>
    </message>
    <message>
        <source>Case: %1</source>
        <translation>办件：%1</translation>
    </message>
    <message>
        <source>Resume window (F9)</source>
        <translation>恢复叫号 (F9)</translation>
    </message>
    <message>
        <source>Pause window (F9)</source>
        <translation>暂停窗口 (F9)</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>叫号中</translation>
    </message>
    <message>
        <source>Window %1 has no ticket to link the case to.</source>
        <translation>%1号窗口没有可关联办件的号码。</translation>
    </message>
    <message>
        <source>Case linked to ticket %1.</source>
        <translation>办件已关联到 %1 号。</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>叫号</translation>
    </message>
    <message>
        <source>Run as the full-screen ticket kiosk of the queue (no sign-in).</source>
        <translation>以全屏取号机方式运行（无需登录）。</translation>
    </message>
    <message>
        <source>Run as the full-screen display of the numbers being called (no sign-in).</source>
        <translation>以全屏叫号显示屏方式运行（无需登录）。</translation>
    </message>
    <message>
        <source>Choose either --kiosk or --display, not both.</source>
        <translation>--kiosk 与 --display 只能选择其一。</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) overdue</source>
        <translation>
            <numerusform>已超期 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <source>Clock stopped</source>
        <translation>计时暂停</translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s) left</source>
        <translation>
            <numerusform>剩余 %n 个工作日</numerusform>
        </translation>
    </message>
    <message>
        <source>Unclaimed</source>
        <translation>未认领</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>亮灯</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>受理单位</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>办结期限</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时限</translation>
    </message>
    <message>
        <source>Claimed by</source>
        <translation>认领人</translation>
    </message>
    <message>
        <source>Any time left</source>
        <translation>全部时限</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>Due within 1 working day</source>
        <translation>1 个工作日内到期</translation>
    </message>
    <message>
        <source>Due within 3 working days</source>
        <translation>3 个工作日内到期</translation>
    </message>
    <message>
        <source>Claimed or not</source>
        <translation>全部认领状态</translation>
    </message>
    <message>
        <source>Claimed by me</source>
        <translation>我认领的</translation>
    </message>
    <message>
        <source>All items</source>
        <translation>全部事项</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>全部受理单位</translation>
    </message>
    <message numerus="yes">
        <source>More than %n case(s)</source>
        <translation>
            <numerusform>超过 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>共 %n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a case first.</source>
        <translation>请先选择办件。</translation>
    </message>
    <message>
        <source>The case could not be claimed: %1</source>
        <translation>认领失败：%1</translation>
    </message>
    <message>
        <source>The case could not be released: %1</source>
        <translation>放弃认领失败：%1</translation>
    </message>
    <message>
        <source>Claimed %1.</source>
        <translation>已认领 %1。</translation>
    </message>
    <message>
        <source>Released %1.</source>
        <translation>已放弃认领 %1。</translation>
    </message>
    <message>
        <source>Your account belongs to no department; ask the administrator to assign one.</source>
        <translation>您的账号未归属任何科室，请联系系统管理员分配。</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Does not agree</source>
        <translation>不同意</translation>
    </message>
    <message>
        <source>Agrees</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Claim released</source>
        <translation>已放弃认领</translation>
    </message>
    <message>
        <source>Claimed by %1</source>
        <translation>由 %1 认领</translation>
    </message>
    <message>
        <source>Back to the inbox (Esc)</source>
        <translation>返回待办（Esc）</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>科室</translation>
    </message>
    <message>
        <source>Opinion</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>办理人</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Application form</source>
        <translation>申请表</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>申请材料</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门意见</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>审批科室：</translation>
    </message>
    <message>
        <source>The reviewer&apos;s opinion</source>
        <translation>审查意见</translation>
    </message>
    <message>
        <source>&amp;Opinion:</source>
        <translation>审查意见(&amp;O)：</translation>
    </message>
    <message>
        <source>Required to deny or suspend, e.g. 《行政许可法》第三十八条</source>
        <translation>不予许可、中止、终止时必填，例如《行政许可法》第三十八条</translation>
    </message>
    <message>
        <source>&amp;Basis or reason:</source>
        <translation>依据或理由(&amp;B)：</translation>
    </message>
    <message>
        <source>Materials to supplement, separated by &quot;；&quot;</source>
        <translation>需补正的材料，以&quot;；&quot;分隔</translation>
    </message>
    <message>
        <source>&amp;Supplement:</source>
        <translation>补正材料(&amp;S)：</translation>
    </message>
    <message>
        <source>Other suspension (中止)</source>
        <translation>其他中止情形</translation>
    </message>
    <message>
        <source>Hearing (听证)</source>
        <translation>听证</translation>
    </message>
    <message>
        <source>Inspection (检验)</source>
        <translation>检验</translation>
    </message>
    <message>
        <source>Testing (检测)</source>
        <translation>检测</translation>
    </message>
    <message>
        <source>Quarantine (检疫)</source>
        <translation>检疫</translation>
    </message>
    <message>
        <source>Appraisal (鉴定)</source>
        <translation>鉴定</translation>
    </message>
    <message>
        <source>Expert review (专家评审)</source>
        <translation>专家评审</translation>
    </message>
    <message>
        <source>Suspension &amp;kind:</source>
        <translation>中止情形(&amp;K)：</translation>
    </message>
    <message>
        <source>Request supplement</source>
        <translation>告知补正</translation>
    </message>
    <message>
        <source>Supplement received</source>
        <translation>补正材料已收到</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>中止</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>终止</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4</source>
        <translation>%1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>Time limit not started</source>
        <translation>尚未开始计时</translation>
    </message>
    <message>
        <source>Clock stopped; due %1 if it ran again today (%2 working days stopped)</source>
        <translation>计时暂停；如今日恢复，办结期限为 %1（已暂停 %2 个工作日）</translation>
    </message>
    <message numerus="yes">
        <source>Concluded after %n working day(s)</source>
        <translation>
            <numerusform>用时 %n 个工作日办结</numerusform>
        </translation>
    </message>
    <message>
        <source> · due %1</source>
        <translation> · 办结期限 %1</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>No materials recorded.</source>
        <translation>未登记申请材料。</translation>
    </message>
    <message>
        <source>%1 (lead)</source>
        <translation>%1（牵头）</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待审查</translation>
    </message>
    <message>
        <source>Waiting for: %1</source>
        <translation>尚待以下部门出具意见：%1</translation>
    </message>
    <message>
        <source>%1 does not agree to %2 (%3); only the other items can be approved.</source>
        <translation>%1 不同意 %2（%3）；只能准予其他事项。</translation>
    </message>
    <message>
        <source>%1 (lead department)</source>
        <translation>%1（牵头部门）</translation>
    </message>
    <message>
        <source>None of your departments reviews this case.</source>
        <translation>您所在科室不审批该办件。</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>准予许可</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>不予许可</translation>
    </message>
    <message>
        <source>Do not agree</source>
        <translation>不同意</translation>
    </message>
    <message>
        <source>Recorded: %1.</source>
        <translation>已记录：%1。</translation>
    </message>
    <message>
        <source>The case was approved, but its certificate could not be recorded: %1</source>
        <translation>办件已准予许可，但证照未能生成：%1</translation>
    </message>
    <message>
        <source>Certificate %1 is ready to print.</source>
        <translation>证照 %1 已生成，可打印。</translation>
    </message>
    <message>
        <source>The case %1 is not in this workstation&apos;s store.</source>
        <translation>本工作站没有办件 %1。</translation>
    </message>
    <message>
        <source>Open a case first.</source>
        <translation>请先打开办件。</translation>
    </message>
    <message>
        <source>The case can be concluded once every department has given its opinion; waiting for: %1.</source>
        <translation>各部门出具意见后方可办结；尚待：%1。</translation>
    </message>
    <message>
        <source>A denial must cite its legal basis: fill in &quot;Basis or reason&quot;.</source>
        <translation>不予许可须写明法律依据：请填写&quot;依据或理由&quot;。</translation>
    </message>
    <message>
        <source>List the materials to supplement, separated by &quot;；&quot;.</source>
        <translation>请列出需补正的材料，以&quot;；&quot;分隔。</translation>
    </message>
    <message>
        <source>A suspension must give its reason: fill in &quot;Basis or reason&quot;.</source>
        <translation>中止须写明理由：请填写&quot;依据或理由&quot;。</translation>
    </message>
    <message>
        <source>Only the lead department can terminate the case.</source>
        <translation>只有牵头部门可以终止办件。</translation>
    </message>
    <message>
        <source>A termination must cite its legal basis: fill in &quot;Basis or reason&quot;.</source>
        <translation>终止须写明法律依据：请填写&quot;依据或理由&quot;。</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>★ %1 (%2)</source>
        <translation>★ %1（%2）</translation>
    </message>
    <message>
        <source>The favourites could not be saved: %1</source>
        <translation>常用事项未能保存：%1</translation>
    </message>
    <message>
        <source>★ Remove from favourites</source>
        <translation>★ 移出常用事项</translation>
    </message>
    <message>
        <source>☆ Add to favourites</source>
        <translation>☆ 加入常用事项</translation>
    </message>
    <message>
        <source>Keep this item among the window&apos;s favourites (Ctrl+D)</source>
        <translation>将此事项加入本窗口常用事项（Ctrl+D）</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>缩小（Ctrl+-）</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>放大（Ctrl++）</translation>
    </message>
    <message>
        <source>100 % (Ctrl+0)</source>
        <translation>原始大小（Ctrl+0）</translation>
    </message>
    <message>
        <source>Previous page (PgUp)</source>
        <translation>上一页（PgUp）</translation>
    </message>
    <message>
        <source>Next page (PgDn)</source>
        <translation>下一页（PgDn）</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>File: %1 — Enter to view</source>
        <translation>附件：%1（按回车查看）</translation>
    </message>
    <message>
        <source>All open cases</source>
        <translation>全部在办</translation>
    </message>
    <message>
        <source>Including concluded</source>
        <translation>含已办结</translation>
    </message>
    <message>
        <source>Decided by smart approval at acceptance: %1</source>
        <translation>受理时经秒批规则决定：%1</translation>
    </message>
    <message>
        <source>The supplement was requested, but its notice could not be written: %1</source>
        <translation>已告知补正，但补正通知书未能生成：%1</translation>
    </message>
    <message numerus="yes">
        <source>Time limit extended by %n working day(s), approved by %1 (%2)</source>
        <translation>
            <numerusform>办理时限延长 %n 个工作日，批准人 %1（%2）</numerusform>
        </translation>
    </message>
    <message>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <source>Approved by (head of the authority)</source>
        <translation>批准人（本机关负责人）</translation>
    </message>
    <message>
        <source>E&amp;xtension:</source>
        <translation>延期(&amp;X)：</translation>
    </message>
    <message>
        <source>Extend the time limit</source>
        <translation>延长办理时限</translation>
    </message>
    <message numerus="yes">
        <source>Extended by %n working day(s) already: %1</source>
        <translation>
            <numerusform>已延长 %n 个工作日：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>An extension needs the approval of the authority&apos;s head: fill in who approved it.</source>
        <translation>延期须经本机关负责人批准：请填写批准人。</translation>
    </message>
    <message>
        <source>An extension must cite its basis: fill in &quot;Basis or reason&quot;, e.g. 《行政许可法》第四十二条.</source>
        <translation>延期须写明依据：请填写&quot;依据或理由&quot;，例如《行政许可法》第四十二条。</translation>
    </message>
    <message>
        <source>Applicant&apos;s licences and other cases</source>
        <translation>申请人证照及其他办件</translation>
    </message>
    <message>
        <source>Record the review opinion (审查)</source>
        <translation>记录审查意见</translation>
    </message>
    <message>
        <source>Licences held: none recorded here.</source>
        <translation>已持有证照：本机构无记录。</translation>
    </message>
    <message>
        <source>%1 No. %2 (valid until %3)</source>
        <translation>%1 第 %2 号（有效期至 %3）</translation>
    </message>
    <message>
        <source>%1 No. %2</source>
        <translation>%1 第 %2 号</translation>
    </message>
    <message>
        <source>Licences held: %1</source>
        <translation>已持有证照：%1</translation>
    </message>
    <message>
        <source>Write the review opinion first.</source>
        <translation>请先填写审查意见。</translation>
    </message>
    <message>
        <source>Supplementary materials for case %1 received; the reviewing department has them and the time limit runs again.</source>
        <translation>办件 %1 的补正材料已收件，审查部门可继续审查，办理时限恢复计算。</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>PDF files</source>
        <translation>PDF 文件</translation>
    </message>
    <message>
        <source>&amp;Save for this printer</source>
        <translation>保存到该打印机(&amp;S)</translation>
    </message>
    <message>
        <source>No correction: everything is printed where the template places it.</source>
        <translation>无校正：按模板原位置打印。</translation>
    </message>
    <message>
        <source>everything moves %1 mm to the right</source>
        <translation>整体右移 %1 毫米</translation>
    </message>
    <message>
        <source>everything moves %1 mm to the left</source>
        <translation>整体左移 %1 毫米</translation>
    </message>
    <message>
        <source>%1 mm down</source>
        <translation>下移 %1 毫米</translation>
    </message>
    <message>
        <source>%1 mm up</source>
        <translation>上移 %1 毫米</translation>
    </message>
    <message>
        <source>the page is stretched to %1 % wide and %2 % high</source>
        <translation>横向缩放为 %1%，纵向缩放为 %2%</translation>
    </message>
    <message>
        <source>Corrected, %1. The top left cross of the sheet (20, 20 mm) is printed at (%2, %3 mm); the crosses 170 mm apart are printed %4 mm apart, those 257 mm apart %5 mm apart.</source>
        <translation>校正后%1。校准页左上十字（20, 20 毫米）将打印在（%2, %3 毫米）；相距 170 毫米的十字打印后相距 %4 毫米，相距 257 毫米的相距 %5 毫米。</translation>
    </message>
    <message>
        <source>Saved: every print on %1 is corrected this way.</source>
        <translation>已保存：今后在 %1 上的打印均按此校正。</translation>
    </message>
    <message>
        <source>The folder %1 cannot be created.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>The calibration sheet was written to %1.</source>
        <translation>校准页已输出到 %1。</translation>
    </message>
    <message>
        <source>The printer %1 is not available.</source>
        <translation>打印机 %1 不可用。</translation>
    </message>
    <message>
        <source>The calibration sheet was sent to %1.</source>
        <translation>校准页已发送到 %1。</translation>
    </message>
    <message>
        <source>Choose the printer the calibration belongs to.</source>
        <translation>请选择要校准的打印机。</translation>
    </message>
    <message>
        <source>The calibration could not be saved: %1</source>
        <translation>校准参数未能保存：%1</translation>
    </message>
    <message>
        <source>Certificate %1 names no template; the catalogue must give its item one.</source>
        <translation>证照 %1 未指定打印模板，须在事项目录中为该事项配置模板。</translation>
    </message>
    <message>
        <source>The template %1 of certificate %2 cannot be used: %3</source>
        <translation>证照 %2 的打印模板 %1 无法使用：%3</translation>
    </message>
    <message>
        <source>Choose the certificates to print in the list first.</source>
        <translation>请先在列表中选择要打印的证照。</translation>
    </message>
    <message>
        <source>Choose the folder the PDF files are written to.</source>
        <translation>请选择 PDF 文件的保存文件夹。</translation>
    </message>
    <message>
        <source>A reprint needs its reason (e.g. 原证污损): nothing was printed.</source>
        <translation>重打须填写原因（如“原证污损”），未打印。</translation>
    </message>
    <message>
        <source>Enter the serial number of the first sheet of certificate paper.</source>
        <translation>请输入第一张套打证书纸的编号。</translation>
    </message>
    <message>
        <source>Certificate %1 is not signed yet (awaiting signature): it can be printed once a sync brings its verification code.</source>
        <translation>证照 %1 尚未签发（待签发），同步取得验证码后方可打印。</translation>
    </message>
    <message>
        <source>Certificate %1 was printed before: choose Reprint and give the reason.</source>
        <translation>证照 %1 已打印过，请选择“重打”并填写原因。</translation>
    </message>
    <message>
        <source>Certificate %1 has not been printed yet: print it, a first print is not a reprint.</source>
        <translation>证照 %1 尚未打印，请直接打印，首次打印不属于重打。</translation>
    </message>
    <message>
        <source>The template of certificate %1 has no layout for pre-printed paper: print it on plain paper.</source>
        <translation>证照 %1 的模板没有套打版式，请使用普通纸打印。</translation>
    </message>
    <message>
        <source>The certificate paper is used up: no serial is left after %1.</source>
        <translation>套打证书纸已用完：%1 之后没有可用编号。</translation>
    </message>
    <message>
        <source>Certificate %1 could not be written: %2</source>
        <translation>证照 %1 未能输出：%2</translation>
    </message>
    <message>
        <source>Certificate %1 could not be printed on %2: %3</source>
        <translation>证照 %1 未能在 %2 上打印：%3</translation>
    </message>
    <message>
        <source>The print of certificate %1 was not recorded: %2</source>
        <translation>证照 %1 的打证记录未能登记：%2</translation>
    </message>
    <message>
        <source>The certificate is not in the local store.</source>
        <translation>本机数据库中没有该证照。</translation>
    </message>
    <message>
        <source>Name the printer the sheet was spoiled in.</source>
        <translation>请填写发生作废的打印机。</translation>
    </message>
    <message>
        <source>Enter the serial number of the spoiled sheet of certificate paper.</source>
        <translation>请输入作废的套打证书纸编号。</translation>
    </message>
    <message>
        <source>Say what happened to the sheet (e.g. 卡纸): nothing was recorded.</source>
        <translation>请说明该证书纸的作废原因（如“卡纸”），未登记。</translation>
    </message>
    <message>
        <source>The preview cannot be drawn.</source>
        <translation>无法生成预览。</translation>
    </message>
    <message>
        <source>Certificate %1 cannot be shown: %2</source>
        <translation>证照 %1 无法显示：%2</translation>
    </message>
    <message>
        <source>Reprint certificates</source>
        <translation>重打证照</translation>
    </message>
    <message>
        <source>Print certificates</source>
        <translation>打证</translation>
    </message>
    <message>
        <source>&amp;Reprint</source>
        <translation>重打(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……另有 %1 件</translation>
    </message>
    <message>
        <source>&lt;b&gt;Certificates to print: %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;待打印证照：%1 件&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Plain paper (the whole design)</source>
        <translation>普通纸（打印全部版面）</translation>
    </message>
    <message>
        <source>Pre-printed certificate paper (variable fields only)</source>
        <translation>套打纸（仅打印可变内容）</translation>
    </message>
    <message>
        <source>The certificate was soiled or damaged</source>
        <translation>原证污损</translation>
    </message>
    <message>
        <source>The certificate was lost</source>
        <translation>原证遗失</translation>
    </message>
    <message>
        <source>Printing fault (paper jam, misprint)</source>
        <translation>打印故障（卡纸、错印）</translation>
    </message>
    <message>
        <source>Required: why it is printed again</source>
        <translation>必填：重打原因</translation>
    </message>
    <message>
        <source>Folder for the PDF files</source>
        <translation>PDF 文件保存位置</translation>
    </message>
    <message>
        <source>This printer is not calibrated: fields are placed as the template says.</source>
        <translation>该打印机未校准：按模板原位置打印。</translation>
    </message>
    <message>
        <source>Calibration applied: shifted %1 mm right, %2 mm down; scaled %3 × %4.</source>
        <translation>已应用校准：右移 %1 毫米，下移 %2 毫米；缩放 %3 × %4。</translation>
    </message>
    <message>
        <source>Only %1 sheets of certificate paper are left for this certificate type.</source>
        <translation>该类证照的套打证书纸仅剩 %1 张。</translation>
    </message>
    <message>
        <source>No certificate paper is left for this office: ask the administrator to issue a new range.</source>
        <translation>本单位已无可用套打证书纸，请联系管理员下发新的编号段。</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>证照编号</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证照名称</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持证人</translation>
    </message>
    <message>
        <source>Approved on</source>
        <translation>批准日期</translation>
    </message>
    <message>
        <source>The print queue cannot be read: %1</source>
        <translation>无法读取打证队列：%1</translation>
    </message>
    <message>
        <source>Awaiting signature</source>
        <translation>待签发</translation>
    </message>
    <message>
        <source>Printed %1× (last %2)</source>
        <translation>已打印 %1 次（最近 %2）</translation>
    </message>
    <message>
        <source>Ready to print</source>
        <translation>待打印</translation>
    </message>
    <message>
        <source>The central server has not signed this certificate yet: it can be printed after the next sync brings its verification code.</source>
        <translation>中心服务器尚未签发该证照，下次同步取得验证码后即可打印。</translation>
    </message>
    <message>
        <source>Nothing waits to be printed at this office.</source>
        <translation>本单位暂无待打印证照。</translation>
    </message>
    <message>
        <source>No certificate matches &quot;%1&quot;.</source>
        <translation>没有与“%1”相符的证照。</translation>
    </message>
    <message>
        <source>%1 certificates listed.</source>
        <translation>共 %1 件证照。</translation>
    </message>
    <message>
        <source>%1 certificates listed, %2 of them awaiting signature.</source>
        <translation>共 %1 件证照，其中 %2 件待签发。</translation>
    </message>
    <message>
        <source>Printing certificates…</source>
        <translation>正在打印证照……</translation>
    </message>
    <message>
        <source>Stop after this certificate</source>
        <translation>打完本件后停止</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Printing %1 (%2 of %3)…</source>
        <translation>正在打印 %1（第 %2 件，共 %3 件）……</translation>
    </message>
    <message>
        <source>Printed %1 of %2 as PDF files in %3: %4.</source>
        <translation>已输出 %1/%2 件 PDF 文件到 %3：%4。</translation>
    </message>
    <message>
        <source>Printed %1 of %2 on %3: %4.</source>
        <translation>已在 %3 上打印 %1/%2 件：%4。</translation>
    </message>
    <message>
        <source>Last sheet used: %1.</source>
        <translation>最后使用的证书纸编号：%1。</translation>
    </message>
    <message>
        <source>Stopped: %1 certificates were not printed and stay in the queue.</source>
        <translation>已停止：%1 件证照未打印，仍在打证队列中。</translation>
    </message>
    <message>
        <source>Choose the one certificate whose sheet was spoiled.</source>
        <translation>请选择作废证书纸所对应的一件证照。</translation>
    </message>
    <message>
        <source>Sheet %1 recorded as spoiled and voided; certificate %2 was not counted as printed by it.</source>
        <translation>证书纸 %1 已登记作废；证照 %2 不计为已用该纸打印。</translation>
    </message>
    <message>
        <source>Choose the certificates to preview in the list first.</source>
        <translation>请先在列表中选择要预览的证照。</translation>
    </message>
    <message>
        <source>Preview (not valid as a certificate)</source>
        <translation>预览（不作为证照使用）</translation>
    </message>
    <message>
        <source>Spoiled sheet</source>
        <translation>作废证书纸</translation>
    </message>
    <message>
        <source>A blank sheet of certificate paper was ruined while printing %1 (%2), before the certificate was on it (e.g. it jammed while feeding). Its serial number is voided and cannot be used again. A sheet that printed but came out wrong is already counted: reprint the certificate with the reason.</source>
        <translation>打印 %1（%2）时有一张空白证照纸在证照内容印上之前损坏（如进纸卡纸）。该纸张编号作废，不得再次使用。已印上内容但打印有误的纸张已计为使用：请填写原因后重打该证照。</translation>
    </message>
    <message>
        <source>P&amp;rinter:</source>
        <translation>打印机(&amp;R)：</translation>
    </message>
    <message>
        <source>The number printed on the spoiled sheet</source>
        <translation>作废证书纸上印制的编号</translation>
    </message>
    <message>
        <source>&amp;Serial number:</source>
        <translation>证书纸编号(&amp;S)：</translation>
    </message>
    <message>
        <source>Paper jam</source>
        <translation>卡纸</translation>
    </message>
    <message>
        <source>Misprint</source>
        <translation>错印</translation>
    </message>
    <message>
        <source>Printed out of position</source>
        <translation>套印错位</translation>
    </message>
    <message>
        <source>&amp;What happened:</source>
        <translation>作废原因(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Void the sheet</source>
        <translation>作废该纸(&amp;V)</translation>
    </message>
    <message>
        <source>Void sheet %1? This cannot be undone.</source>
        <translation>确定作废证书纸 %1？此操作不可撤销。</translation>
    </message>
    <message>
        <source>no end date (long-term)</source>
        <translation>长期</translation>
    </message>
    <message>
        <source>Genuine</source>
        <translation>真实</translation>
    </message>
    <message>
        <source>Forged</source>
        <translation>伪造</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>无法识别</translation>
    </message>
    <message>
        <source>Unknown issuing authority</source>
        <translation>未知签发机关</translation>
    </message>
    <message>
        <source>The catalogue on this workstation names no issuing authority&apos;s key: codes cannot be checked until a sync brings one.</source>
        <translation>本机事项目录中没有发证机关公钥，同步取得后方可验证。</translation>
    </message>
    <message>
        <source>Signed by the issuing authority and unchanged since.</source>
        <translation>经发证机关签名，内容未被篡改。</translation>
    </message>
    <message>
        <source>Certificate number (claimed)</source>
        <translation>证照编号（码中所称）</translation>
    </message>
    <message>
        <source>Holder&apos;s ID or credit code</source>
        <translation>持证人证件号码或统一社会信用代码</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期自</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>发证日期</translation>
    </message>
    <message>
        <source>Issuing authority</source>
        <translation>发证机关</translation>
    </message>
    <message>
        <source>Certificate record</source>
        <translation>证照记录标识</translation>
    </message>
</context>
<context>
    <name>VerifyCertificateDialog</name>
    <message>
        <source>Verify a certificate</source>
        <translation>验证证照</translation>
    </message>
    <message>
        <source>Scan the certificate&apos;s QR code or paste its verification &amp;code:</source>
        <translation>扫描证照二维码或粘贴验证码(&amp;C)：</translation>
    </message>
    <message>
        <source>OW1:… then Enter</source>
        <translation>OW1:… 后按回车</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>验证(&amp;V)</translation>
    </message>
    <message>
        <source>Compare the details above with what is printed on the paper: a genuine code on a certificate that says something else is a forgery too. Whether a certificate was revoked is known to the central server (verification page).</source>
        <translation>请将上述信息与纸质证照上的内容逐项核对：验证码真实但证面内容不符的，同样是伪造证照。证照是否已被撤销，以中心服务器（核验页面）为准。</translation>
    </message>
</context>
</TS>
