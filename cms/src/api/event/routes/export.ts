import { exportRoute } from '../../../content-api/export-controller';

export default exportRoute('api::event.event', 'events');
