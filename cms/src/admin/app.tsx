// The admin's customisation (Strapi loads src/admin/app.tsx into the admin build; the CMS
// rebuilds the admin when a file here or in src/admin-texts changes, see scripts/serve.ts).
// - The interface in English or Spanish: each editor picks theirs in their profile.
// - Field labels and descriptions in the editor's language (./field-texts).
// - A "Build report" menu link to a page that opens the pipeline's report with the editor's
//   admin session (./pages/BuildReportPage).
import { ChartPie } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { describeInInterfaceLanguage, spanishLabels } from './field-texts';
import { BUILD_REPORT_MENU, buildReportMenuLabels } from './pages/build-report-texts';

export default {
  config: {
    // English is always there; Spanish beside it.
    locales: ['es'],
    translations: {
      en: { ...buildReportMenuLabels('en') },
      es: { ...spanishLabels(), ...buildReportMenuLabels('es') },
    },
  },
  register(app: StrapiApp) {
    app.addMenuLink({
      to: 'build-report',
      icon: ChartPie,
      intlLabel: { id: BUILD_REPORT_MENU.id, defaultMessage: BUILD_REPORT_MENU.en },
      Component: () => import('./pages/BuildReportPage'),
      // Every signed-in admin user: the route behind it asks for nothing more (see
      // src/report-link/report-link-route.ts).
      permissions: [],
    });
  },
  bootstrap(app: StrapiApp) {
    app.registerHook('Admin/CM/pages/EditView/mutate-edit-view-layout', describeInInterfaceLanguage);
  },
};
