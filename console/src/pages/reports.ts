import { ApiError, download, getJson, postJson, type Role } from '../api.ts';
import { field, h, problemView, table, text } from '../dom.ts';
import { formatDate, formatInstant, t, tv } from '../i18n.ts';
import { previousPeriod } from '../periods.ts';

/** The contract of the report routes (GET/POST /v1/reports, …/{reportId}, …/files/{format}). */
interface ReportFile {
  format: 'xlsx' | 'csv' | 'json';
  sha256: string;
  size: number;
}
interface ReportSummary {
  reportId: string;
  type: string;
  period: string;
  version: number;
  generatedAt: string;
  dueDate: string;
  deliveredAt?: string;
  files: ReportFile[];
}

const TYPES = [
  { value: 'monthly-complaints', label: 'type_monthly' },
  { value: 'quarterly-appeals', label: 'type_quarterly' },
] as const;

const MAX_ROWS = 200;

/**
 * A report's figures as nested tables: an object is a table of its fields, a list of
 * objects one table with a column per field; the raw JSON stays one click away.
 */
function contentView(value: unknown, depth = 0): Node {
  if (value === null || value === undefined) return text('—');
  if (typeof value !== 'object') return text(value);
  if (depth > 4) return h('code', {}, JSON.stringify(value));
  if (Array.isArray(value)) {
    if (value.length === 0) return h('span', { class: 'empty' }, t('empty'));
    if (value.every((item) => item === null || typeof item !== 'object')) return text(value.join(', '));
    const columns = [...new Set(value.flatMap((item) => (item !== null && typeof item === 'object' ? Object.keys(item) : [])))];
    const rows = value.slice(0, MAX_ROWS).map((item) => columns.map((column) => contentView((item as Record<string, unknown>)[column], depth + 1)));
    return table(columns.map((column) => tv('rf_', column)), rows);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return h('table', { class: 'fields' }, h('tbody', {}, entries.map(([key, field]) => h('tr', {}, h('th', { scope: 'row' }, tv('rf_', key)), h('td', {}, contentView(field, depth + 1))))));
}

/** Report versions of a type and period, a preview of one, its files to download; the admin generates a new version. */
export function reportsPage(role: Role): HTMLElement {
  const type = h('select', { name: 'type' }, TYPES.map((option) => h('option', { value: option.value }, t(option.label))));
  const period = h('input', { name: 'period', required: true, pattern: '\\d{4}-(0[1-9]|1[0-2]|Q[1-4])', value: previousPeriod(type.value, new Date()), 'aria-describedby': 'period-hint' });
  type.addEventListener('change', () => {
    period.value = previousPeriod(type.value, new Date());
  });
  const results = h('div', { 'aria-live': 'polite', 'data-testid': 'reports' });
  const preview = h('div', { 'aria-live': 'polite', 'data-testid': 'report-preview' });
  const status = h('div', { 'aria-live': 'polite' });

  const showPreview = async (reportId: string) => {
    try {
      // The read answers the headline figures; the whole content is the JSON file (downloads above).
      const report = await getJson<{ summary?: unknown }>(`/v1/reports/${encodeURIComponent(reportId)}`);
      preview.replaceChildren(
        h('h3', {}, `${t('preview')}: ${reportId}`),
        contentView(report.summary ?? report),
        h('details', {}, h('summary', {}, 'JSON'), h('pre', { class: 'preview', tabindex: 0 }, JSON.stringify(report, null, 2))),
      );
    } catch (error) {
      preview.replaceChildren(problemView(error));
    }
  };
  const load = async () => {
    try {
      const page = await getJson<{ items: ReportSummary[] }>(`/v1/reports?type=${encodeURIComponent(type.value)}&period=${encodeURIComponent(period.value)}`);
      results.replaceChildren(
        table(
          [t('version'), t('generatedAt'), t('dueDate'), t('delivered'), t('documents')],
          page.items.map((report) => [
            text(report.version),
            text(formatInstant(report.generatedAt)),
            text(formatDate(report.dueDate)),
            text(formatInstant(report.deliveredAt)),
            h(
              'span',
              { class: 'buttons' },
              h('button', { type: 'button', onclick: () => void showPreview(report.reportId) }, t('preview')),
              report.files.map((file) =>
                h(
                  'button',
                  {
                    type: 'button',
                    'data-format': file.format,
                    onclick: async () => {
                      try {
                        const name = await download(`/v1/reports/${encodeURIComponent(report.reportId)}/files/${file.format}`, `${report.type}-${report.period}-v${report.version}.${file.format}`);
                        status.replaceChildren(text(`${t('downloaded')}: ${name}`));
                      } catch (error) {
                        status.replaceChildren(problemView(error));
                      }
                    },
                  },
                  `${t('download')} ${file.format.toUpperCase()}`,
                ),
              ),
            ),
          ]),
        ),
      );
    } catch (error) {
      results.replaceChildren(error instanceof ApiError && error.problem.status === 404 ? h('p', {}, t('reportsUnavailable')) : problemView(error));
    }
  };
  const form = h('form', { class: 'inline' }, field(t('reportType'), type), field(t('period'), period), h('span', { id: 'period-hint', class: 'muted' }, t('periodHint')), h('button', { type: 'submit' }, t('show')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });
  const generate =
    role === 'ucc_admin'
      ? h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              try {
                const queued = await postJson<{ reportId: string }>('/v1/reports', { type: type.value, period: period.value }, { idempotencyKey: crypto.randomUUID() });
                status.replaceChildren(text(`${t('queued')}: ${queued.reportId}`));
                await load();
              } catch (error) {
                status.replaceChildren(problemView(error));
              }
            },
          },
          t('generate'),
        )
      : null;
  void load();
  return h('div', {}, h('h1', {}, t('navReports')), form, generate, status, results, preview);
}
