import { exportingController } from '../../../content-api/export-controller';

export default exportingController('api::good-practice.good-practice');
