import { exportingController } from '../../../content-api/export-controller';

export default exportingController('api::city.city');
