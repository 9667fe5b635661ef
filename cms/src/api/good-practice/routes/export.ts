import { exportRoute } from '../../../content-api/export-controller';

export default exportRoute('api::good-practice.good-practice', 'good-practices');
