// The "Build report" page of the admin: asks the CMS, with the editor's admin session, for a
// link to the pipeline's report signed for a few minutes (GET /build-report/link), and opens
// it in a new tab. The link is asked for at the click, not when the page loads, so it is
// fresh whenever it is used; should the browser block the new tab, the link stays on the page.
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Box, Button, Flex, Link, Typography } from '@strapi/design-system';
import { ExternalLink } from '@strapi/icons';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { BUILD_REPORT_MENU, englishOf, type BuildReportText } from './build-report-texts';

type State = { step: 'idle' | 'opening' } | { step: 'opened'; url: string } | { step: 'failed'; reason: string };

const isLink = (data: unknown): data is { url: string } => typeof data === 'object' && data !== null && typeof (data as { url?: unknown }).url === 'string';

const BuildReportPage = () => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const [state, setState] = useState<State>({ step: 'idle' });
  const say = (id: BuildReportText): string => formatMessage({ id, defaultMessage: englishOf(id) });

  const open = async (): Promise<void> => {
    // Opened before the request, while the click still counts as the editor's own: a tab
    // opened after an await is what popup blockers stop.
    const tab = window.open('', '_blank');
    setState({ step: 'opening' });
    try {
      const { data } = await get('/build-report/link');
      if (!isLink(data)) throw new Error('the answer holds no link');
      if (tab) {
        tab.opener = null;
        tab.location.href = data.url;
      }
      setState({ step: 'opened', url: data.url });
    } catch (error) {
      tab?.close();
      setState({ step: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <Page.Main>
      <Page.Title>{formatMessage({ id: BUILD_REPORT_MENU.id, defaultMessage: BUILD_REPORT_MENU.en })}</Page.Title>
      <Layouts.Header title={formatMessage({ id: BUILD_REPORT_MENU.id, defaultMessage: BUILD_REPORT_MENU.en })} subtitle={say('build-report.intro')} />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <Flex direction="column" alignItems="flex-start" gap={4}>
            <Button startIcon={<ExternalLink />} onClick={() => void open()} loading={state.step === 'opening'}>
              {state.step === 'opening' ? say('build-report.opening') : say('build-report.open')}
            </Button>
            {state.step === 'opened' && (
              <Typography>
                {say('build-report.opened')}{' '}
                <Link href={state.url} isExternal>
                  {say('build-report.link')}
                </Link>
              </Typography>
            )}
            {state.step === 'failed' && (
              <Typography textColor="danger600" role="alert">
                {say('build-report.failed')} {state.reason}
              </Typography>
            )}
          </Flex>
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};

export default BuildReportPage;
