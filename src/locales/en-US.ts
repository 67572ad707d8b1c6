// Server messages by error code (en-US). `{name}` is replaced by the error's params.
export const enUS: Record<string, string> = {
  'auth.invalid_credentials': 'Wrong login or password',
  'auth.required': 'Please log in',
  'auth.forbidden': 'Your roles do not allow this',
  'auth.csrf': 'The page is out of date or the request came from elsewhere; reload and try again',
  'auth.wrong_password': 'The current password is wrong',
  'auth.rate_limited': 'Too many attempts; try again in {seconds} s',
  'setup.done': 'StoreOps is already set up; please log in',
  'setup.needed': 'StoreOps is not set up yet',
  'store.not_found': 'No store {code}',
  'store.invalid_code':
    'Invalid store code "{value}": lower-case letters, digits and dashes, 2–32 long, starting with a letter or digit',
  'store.invalid_platform': 'Unknown platform "{value}": taobao, tmall or jd',
  'store.invalid_time_zone': 'Unknown time zone "{value}"',
  'store.code_taken': 'Store code {code} is already taken',
  'person.not_found': 'No such person',
  'person.invalid_login': 'Invalid login "{value}": 2–64 letters, digits, Chinese or _ . @ : -',
  'person.invalid_cs_level': 'Unknown CS level "{value}"',
  'person.invalid_phone': 'Invalid phone "{value}"',
  'person.login_taken': 'The login {login} is already taken',
  'person.store_not_managed': 'You do not manage store {code}',
  'person.duplicate_membership': 'Store {code} is listed twice',
  'person.no_roles': 'Choose at least one role',
  'person.no_store': 'Give the person at least one store',
  'person.invalid_role': 'Unknown role "{value}"',
  'person.role_not_assignable': 'Only an owner can give the role "{value}"',
  'person.last_owner': 'You cannot remove your own owner status',
  'person.self_delete': 'You cannot delete yourself',
  'person.self_remove': 'You cannot remove yourself from a store',
  'group.not_found': 'No such group',
  'group.invalid_kind': 'Unknown group kind "{value}"',
  'group.not_member': 'Group members must work in this store',
  'token.not_found': 'No such token',
  'validation.required': '{field} is required',
  'validation.password': 'The password needs at least {min} characters',
  'validation.locale': 'Unknown language',
  'validation.failed': 'The request is not valid: {summary}',
  'request.too_large': 'The request is too large (limit {limit} bytes)',
  'request.bad_json': 'The request body is not valid JSON',
  'request.not_found': 'No endpoint {method} {url}',
  'money.invalid': '{field}: "{value}" is not an amount of money',
  'db.locked':
    'The data directory {dir} is in use by another StoreOps process (pid {pid}). Stop it first, or use another --data directory.',
  'import.no_file': 'Send the file as multipart/form-data (field "file")',
  'import.file_too_large': 'The file is larger than the limit ({limit} bytes)',
  'import.not_found': 'No such import',
  'import.unknown_kind_name': 'Unknown file kind {kind}',
  'import.rows_rejected':
    '{count} rows have errors; nothing was imported (allow partial imports, or --allow-partial, to import the good rows)',
  'import.interrupted': 'The import was interrupted; nothing was written',
  'import.empty_file': 'The file is empty (no header, no data)',
  'import.unsupported_format': 'Unsupported file format: {format} (export CSV or XLSX)',
  'import.unsupported_encoding': 'Unsupported encoding: {encoding} (use GBK or UTF-8)',
  'import.invalid_encoding':
    'Encoding error: reading as {encoding}, row {row} (byte {byteOffset}) has an invalid character',
  'import.unterminated_quote': 'Row {row}: a quote is never closed; the file may be cut off',
  'import.malformed_quote': 'Row {row}: malformed quotes',
  'import.sheet_not_found': 'No sheet {sheet} (there are: {sheets})',
  'import.invalid_json_line': 'Row {row} is not valid JSON',
  'import.unreadable_xlsx': 'Cannot read this XLSX file: {reason}',
  'import.unreadable_file': 'Cannot read this file: {reason}',
  'import.missing_columns': '{kindEn}: required columns missing: {columnsEn}',
  'import.wrong_kind': 'This file looks like a {detectedEn}, not a {expectedEn}. Choose the right file kind.',
  'import.unknown_kind': 'Cannot tell what kind of file this is (headers: {headers}…)',
  'import.failed': 'The import failed: {reason}',
  internal: 'Internal server error; it has been logged. Please try again later.',
  'metrics.bad_date': 'Not a date: "{value}" (use yyyy-MM-dd)',
  'metrics.bad_range': 'The start {from} is after the end {to}',
  'metrics.finding_not_found': 'No such finding',
  'metrics.metric.paidAmount': 'Paid amount',
  'metrics.metric.visitors': 'Visitors',
  'metrics.metric.conversion': 'Conversion rate',
  'metrics.metric.aov': 'Average order value',
  'metrics.metric.refundRate': 'Refund rate',
  'metrics.metric.reviewsBad': 'Bad reviews',
  'metrics.finding.swing_market':
    '{metric} {change}% (baseline {expected}); industry {industry}% → mostly the market, about {ours} points are ours',
  'metrics.finding.swing_market_product':
    '{metric} {change}% (baseline {expected}); industry {industry}% → mostly the market, about {ours} points are ours; {productShare}% of the change is "{product}"',
  'metrics.finding.swing_ours':
    '{metric} {change}% (baseline {expected}); industry {industry}% → about {ours} points are ours: look for our own cause',
  'metrics.finding.swing_ours_product':
    '{metric} {change}% (baseline {expected}); industry {industry}% → about {ours} points are ours; {productShare}% of the change is "{product}"',
  'metrics.finding.swing_mixed':
    '{metric} {change}% (baseline {expected}); industry {industry}% → part market, part ours (about {ours} points)',
  'metrics.finding.swing_mixed_product':
    '{metric} {change}% (baseline {expected}); industry {industry}% → part market, part ours (about {ours} points); {productShare}% of the change is "{product}"',
  'metrics.finding.swing_unknown':
    '{metric} {change}% (baseline {expected}); no industry data to tell the market from us',
  'metrics.finding.swing_unknown_product':
    '{metric} {change}% (baseline {expected}); no industry data; {productShare}% of the change is "{product}"',
  'metrics.finding.product_drop_ours':
    '"{product}" paid amount {change}% (visitors {visitorsChange}%), industry {industry}% → our own problem (out of stock? delisted? ads?)',
  'metrics.finding.product_drop_market':
    '"{product}" paid amount {change}%, industry {industry}% → mostly the market',
  'metrics.finding.product_drop_mixed':
    '"{product}" paid amount {change}% (visitors {visitorsChange}%), industry {industry}% → part market, part ours',
  'metrics.finding.product_drop_unknown':
    '"{product}" paid amount {change}% (visitors {visitorsChange}%), no industry data',
  'metrics.finding.reconcile':
    'Paid amount from the orders ¥{orders} differs from Business Advisor ¥{platform} by {gap}% (over 1%): check the imported files',
  'metrics.finding.competitor_surge':
    'Competitor "{shop}": visitors +{change}% (paid {paidChange}%), probably a promotion; our paid amount {ours}%',
  'metrics.finding.bad_reviews':
    '"{product}": {count} bad reviews that day (28-day daily average {avg}): check the batch',
};
