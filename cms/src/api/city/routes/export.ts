import { exportRoute } from '../../../content-api/export-controller';

export default exportRoute('api::city.city', 'cities');
